Feature: Listed items need a licence (ECL Art. 12(2); Regs Art. 14(2))
  Export of items on a control list, or under temporary control, is subject to licensing. The
  catalogue holds the items of the Dual-Use Items Export Control List that the research retrieved,
  with the dates each was listed, and suspensions as intervals (sources.md sections 4 and 5).

  @ecl_art12.listed @ecl_art12.licensable.listed @outcome.license_required.listed
  @ann2025_18.customs_declaration @ecl_art9.listed_item
  Scenario: On 2 March 2026, yttrium oxide for a civilian Vietnamese buyer requires a licence and a declared control code
    Yttrium is one of the seven rare earths of Announcement 2025 No. 18 (in force 4 April 2025,
    not suspended); exporters must state the control code in the customs declaration.
    Given a transfer of yttrium oxide from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art12.listed
    And the grounds include Export Control Law Article 12(2)
    And the grounds rely on the item list
    And the licence conditions include the control code on the customs declaration
    And the licence conditions include end-user and end-use certificates
    And the licence conditions include an end-use undertaking
    And the item is recognised as yttrium_oxide

  @ann2025_18.customs_declaration @ecl_art9.listed_item
  Scenario: On 2 March 2026, germanium dioxide for a civilian Vietnamese buyer requires a licence without the rare-earth customs remark
    Given a transfer of germanium dioxide from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art12.listed
    And the licence conditions do not include the control code on the customs declaration

  @ann2025_70.suspension @ecl_art9.catalogue_settles.suspended @ecl_art9.listed_item @outcome.not_controlled
  Scenario: On 2 March 2026, holmium oxide for a civilian Vietnamese buyer is not controlled while Announcement 2025 No. 57 is suspended
    Announcement 2025 No. 70 suspends Nos. 55 to 58, 61 and 62 until 10 November 2026; the five
    rare earths of No. 57 (holmium among them) are not listed while it lasts.
    Given a transfer of holmium oxide from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And rule ecl_art9.listed_item was considered and did not apply

  @ann2025_70.suspension @ecl_art9.listed_item @outcome.license_required.listed
  Scenario Outline: On <date>, holmium oxide for a civilian Vietnamese buyer <result>
    The suspension by Announcement 2025 No. 70 runs until 10 November 2026 inclusive.
    Given a transfer of holmium oxide from China to Hanoi Ceramics, a Vietnamese company in Vietnam on <date>
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer <result>

    Examples: the last day of the suspension, and the day after once the user has found no extension
      | date              | result             |
      | 10 November 2026  | is not controlled  |

  @ecl_art9.listed_item
  Scenario Outline: On <date>, gallium metal for a civilian Vietnamese buyer requires a licence under <instrument>
    Gallium was listed by Announcement 2023 No. 23 from 1 August 2023, and by the unified list of
    Announcement 2024 No. 51 from 1 December 2024.
    Given a transfer of gallium metal from China to Hanoi Ceramics, a Vietnamese company in Vietnam on <date>
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art9.listed_item

    Examples:
      | date              | instrument                    |
      | 30 November 2024  | Announcement 2023 No. 23      |
      | 1 December 2024   | Announcement 2024 No. 51      |

  @ecl_art12.licensed.licence @ecl_art34.unlicensed_export
  Scenario: On 2 March 2026, a licensed export of dysprosium oxide to a civilian German buyer still requires a licence and exposes no one
    The outcome states the requirement; holding the licence means the export breaches nothing.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is not liable
