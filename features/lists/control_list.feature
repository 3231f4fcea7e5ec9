Feature: The control list of Announcement 2026 No. 11 (24 February 2026)
  Twenty Japanese entities "参与提升日本军事实力" are placed on the control list (管控名单) under ECL
  Art. 18 and Regs Arts. 28-29, effective on publication. Export operators may not export dual-use
  items to them; foreign parties may not transfer PRC-origin dual-use items to them; where export is
  genuinely necessary, the exporter applies to MOFCOM (sources.md section 1.5). Listing is
  subsidiary-specific: the parents (MHI, KHI, IHI, Fujitsu, NEC) are not listed as such.

  @ann2026_11.m1.export @ann2026_11.listed_recipient.end_user @outcome.prohibited.control_list
  @outcome.banned.control_list @ann2026_1.c1.military_strength.listed_user
  @ann2026_1.c1.any.military_strength_user @outcome.prohibited.military_strength_user
  @outcome.banned.military_strength_user
  Scenario Outline: On <date>, dysprosium oxide for civilian use by IHI Aerospace Co., Ltd. <result>
    Given a transfer of dysprosium oxide from China to IHI Aerospace Co., Ltd. on <date>
    And the end use is civilian
    When the transfer is assessed
    Then the transfer <result>
    And the grounds <listing> the control list

    Examples: the day before and the day of the listing
      | date              | result             | listing         |
      | 23 February 2026  | requires a licence | do not rely on  |
      | 24 February 2026  | is prohibited      | rely on         |

  @ann2026_11.m1.export @ann2026_1.c1.military_strength.listed_user
  Scenario: On 2 March 2026, dysprosium oxide for civilian use by IHI Aerospace Co., Ltd. is prohibited under Announcement 2026 No. 11 measure 1
    Given a transfer of dysprosium oxide from China to IHI Aerospace Co., Ltd. on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include Announcement 2026 No. 11 measure 1
    And the grounds include rule ann2026_11.m1.export
    And the grounds include rule ann2026_1.c1.military_strength.listed_user
    And the grounds do not rely on a Japanese military user

  @ann2026_11.m1.export @ann2026_11.listed_recipient.end_user
  Scenario: On 2 March 2026, dysprosium oxide for civilian use by IHI, the unlisted parent of IHI Aerospace, requires a licence
    Given a transfer of dysprosium oxide from China to IHI on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds do not rely on the control list
    And rule ann2026_11.m1.export was considered and did not apply
    And the licence conditions include a civilian-use assurance

  @ann2026_11.m1.export @ann2026_11.listed_recipient.consignee
  Scenario: On 2 March 2026, gallium metal consigned to JMU Defense Systems for a civilian shipyard is prohibited
    Given a transfer of gallium metal from China to JMU Defense Systems Co., Ltd. on 2 March 2026
    And the end user is Kansai Ceramics, a Japanese company
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_11.listed_recipient.consignee
    And the grounds include Announcement 2026 No. 11 measure 1

  @ann2026_11.m1.export @outcome.prohibited.control_list
  Scenario: On 2 March 2026, terbium metal for civilian space research by JAXA is prohibited
    JAXA is a civil space agency, yet MOFCOM control-listed it: the "military strength" test
    reaches civil-government research bodies (sources.md section 6).
    Given a transfer of terbium metal from China to the Japan Aerospace Exploration Agency on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds rely on the control list
    And the grounds do not rely on a Japanese military user

  @ecl_art18.licensed.special_approval @regs_art29.special_approval_reporting @ann2026_11.m1.export
  @ann2026_1.c1.military_strength.listed_user
  Scenario: On 2 March 2026, dysprosium oxide for IHI Aerospace under a MOFCOM special approval requires a licence and reporting
    "Where export is genuinely necessary in special circumstances, the exporter must apply to
    MOFCOM" (Announcement 2026 No. 11, measure 2; Regs Art. 29).
    Given a transfer of dysprosium oxide from China to IHI Aerospace Co., Ltd. on 2 March 2026
    And the end use is civilian
    And MOFCOM has given a special approval for the export
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions include reporting under the special approval
    And rule ann2026_11.m1.export was considered and did not apply

  @ann2026_11.m1.foreign_transfer @ann2026_11.m1.foreign_liability @ecl_art45.re_export_prc_origin
  Scenario: On 2 March 2026, a Singaporean company's re-export of PRC-origin dysprosium oxide to IHI Aerospace for civilian use is prohibited and the re-exporter is liable
    Given a transfer of dysprosium oxide from Singapore to IHI Aerospace Co., Ltd. in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_11.m1.foreign_transfer
    And Lion Metals is liable for transferring PRC-origin items to a control-listed party

  @second_wave.control_listed.end_user @second_wave.control_list.export @second_wave.prohibited
  Scenario Outline: On <date>, gallium metal for civilian use by Mitsubishi Precision <result>
    Mitsubishi Precision is among the second wave reported for 29 June 2026 by secondary sources
    only, with low confidence (sources.md section 1.5). The listing counts only once verified;
    until then the answer asks for it.
    Given a transfer of gallium metal from China to Mitsubishi Precision on <date>
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer <result>

    Examples: the day before and the day of the reported listing
      | date          | result             |
      | 28 June 2026  | requires a licence |
      | 29 June 2026  | is undetermined    |
