Feature: The exporter's liability and fines (ECL Arts. 34, 37, 39, 43; Regs Art. 39)
  ECL Art. 34: an exporter that exports controlled items without a licence, or exports prohibited
  items, is ordered to stop and has its illegal gains confiscated; if the illegal turnover is
  500,000 yuan or more (以上: the threshold included), it is fined 5 to 10 times the turnover,
  otherwise 500,000 to 5,000,000 yuan. ECL Art. 37: trading with a control-listed party, 10 to 20
  times from 500,000 yuan, otherwise 500,000 to 5,000,000 yuan (sources.md section 2).

  @ecl_art34.unlicensed_export @regs_art39.unlicensed_export @liability.exporter
  @ecl_art34.fine.multiple @ecl_art34.fine.fixed @ecl_art34.sanctions @ecl_art39.sanctions
  @ecl_art43.criminal
  Scenario Outline: On 2 March 2026, an unlicensed export of dysprosium oxide with an illegal turnover of <turnover> yuan exposes the exporter to a fine of <low> to <high> yuan
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is liable for an unlicensed export
    And the exporter faces a fine between <low> and <high> yuan under Export Control Law Article 34
    And the sanctions against the exporter include criminal liability

    Examples: below, at and above the 500,000 yuan threshold
      | turnover  | low       | high      |
      | 499,999   | 500,000   | 5,000,000 |
      | 500,000   | 2,500,000 | 5,000,000 |
      | 800,000   | 4,000,000 | 8,000,000 |

  @ecl_art34.unlicensed_export @liability.exporter
  Scenario: On 2 March 2026, an unlicensed export of dysprosium oxide with an unknown turnover exposes the exporter without a fine range, and the answer asks for the turnover
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is liable for an unlicensed export
    And the exporter faces no fine
    And a question is asked about the turnover

  @ecl_art34.unlicensed_export @regs_art39.unlicensed_export
  Scenario: On 3 June 2024, before the Regulations, an unlicensed export of gallium metal exposes the exporter under ECL Art. 34
    Given a transfer of gallium metal from China to Berlin Magnetwerk, a German company in Germany on 3 June 2024
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the exporter's illegal turnover is 200,000 yuan
    When the transfer is assessed
    Then the exporter is liable for an unlicensed export
    And the exporter faces a fine between 500,000 and 5,000,000 yuan under Export Control Law Article 34

  @ecl_art34.prohibited_export @regs_art39.prohibited_export @ecl_art34.fine.multiple @ecl_art34.fine.fixed
  @ecl_art43.criminal
  Scenario Outline: On 2 March 2026, a prohibited export of dysprosium oxide to the Japan Maritime Self-Defense Force with an illegal turnover of <turnover> yuan exposes the exporter to a fine of <low> to <high> yuan
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And the exporter is liable for exporting prohibited items
    And the exporter faces a fine between <low> and <high> yuan under Export Control Law Article 34
    And the sanctions against the exporter include criminal liability
    And the sanctions against the exporter include a 5-year licence refusal

    Examples: below, at and above the 500,000 yuan threshold
      | turnover  | low       | high      |
      | 499,999   | 500,000   | 5,000,000 |
      | 500,000   | 2,500,000 | 5,000,000 |
      | 800,000   | 4,000,000 | 8,000,000 |

  @ecl_art37.control_list_trading @ecl_art37.fine.multiple @ecl_art37.fine.fixed @ecl_art37.sanctions
  Scenario Outline: On 2 March 2026, an export of gallium metal to control-listed IHI Aerospace with an illegal turnover of <turnover> yuan exposes the exporter to a fine of <low> to <high> yuan under ECL Art. 37
    Given a transfer of gallium metal from China to IHI Aerospace Co., Ltd. on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And the exporter is liable for trading with a control-listed party
    And the exporter faces a fine between <low> and <high> yuan under Export Control Law Article 37
    And the sanctions against the exporter include a warning

    Examples: below, at and above the 500,000 yuan threshold
      | turnover    | low        | high       |
      | 499,999     | 500,000    | 5,000,000  |
      | 500,000     | 5,000,000  | 10,000,000 |
      | 1,000,000   | 10,000,000 | 20,000,000 |

  @ecl_art37.control_list_trading @liability.exporter.control_list_trading @liability.exporter.prohibited_export @ecl_art34.prohibited_export
  Scenario: On 3 December 2026, an export of gallium metal to control-listed IHI Aerospace is fined under ECL Art. 37 and Art. 34 as alternative bases for one act
    The export breaches Announcement 2026 No. 11 (Art. 37) and, through the third prong of No. 1 fed
    by No. 11's listing ground, is an export of prohibited items (Art. 34(3)). sources.md does not
    say how the two combine: the answer marks them as alternatives, each cited to its own article.
    Given a transfer of gallium metal from China to IHI Aerospace Co., Ltd. on 3 December 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter's illegal turnover is 800,000 yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And the exporter is liable for trading with a control-listed party
    And the exporter is liable for exporting prohibited items
    And the exporter faces a fine between 8,000,000 and 16,000,000 yuan under Export Control Law Article 37
    And the exporter faces a fine between 4,000,000 and 8,000,000 yuan under Export Control Law Article 34
    And the answer warns that "Huaxin Materials is liable under ECL Art. 37 and under ECL Art. 34(iii) for the same export: these are alternative bases"
    And the answer warns that "the fines shown are not added together"

  @ecl_art37.control_list_trading @ecl_art18.licensed.special_approval
  Scenario: On 2 March 2026, an export of gallium metal to IHI Aerospace under a special approval exposes no one
    Given a transfer of gallium metal from China to IHI Aerospace Co., Ltd. on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And MOFCOM has given a special approval for the export
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is not liable

  @ecl_art12.licensable.catch_all @ecl_art34.unlicensed_export
  Scenario: On 2 March 2026, an unlicensed export of an unlisted valve that the exporter knows may serve weapons of mass destruction exposes the exporter under ECL Art. 34
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows that the item may be used for weapons of mass destruction
    And the exporter holds no licence
    And the exporter's illegal turnover is 1,200,000 yuan
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is liable for an unlicensed export
    And the exporter faces a fine between 6,000,000 and 12,000,000 yuan under Export Control Law Article 34

  @ecl_art12.licensable.declared @ecl_art34.unlicensed_export
  Scenario: On 2 March 2026, an unlicensed export of an item the exporter says is listed exposes the exporter under ECL Art. 34
    Given a transfer of ceramic matrix composite panel from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the item is on the control list
    And the end use is civilian
    And the exporter holds no licence
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is liable for an unlicensed export

  @ann2026_1.c1.any.military_use @ecl_art34.prohibited_export
  Scenario: On 2 March 2026, an export of terbium metal for a Japanese military use exposes the exporter for exporting prohibited items
    Given a transfer of terbium metal from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the exporter is liable for exporting prohibited items

  @ann2026_1.c1.any.military_strength @ecl_art34.prohibited_export
  Scenario: On 2 March 2026, an export of terbium metal whose use helps enhance Japan's military strength exposes the exporter for exporting prohibited items
    Given a transfer of terbium metal from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian but helps enhance Japan's military strength
    When the transfer is assessed
    Then the transfer is prohibited
    And the exporter is liable for exporting prohibited items
