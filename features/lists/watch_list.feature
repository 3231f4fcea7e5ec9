Feature: The watch list of Announcement 2026 No. 12 (24 February 2026)
  Twenty Japanese entities whose end user or end use "无法核实" (cannot be verified) are placed on the
  watch list (关注名单) under Regs Art. 26. For exports to them: no general licence and no
  registration; a single-licence application must include a risk-assessment report and a written
  commitment not to use the items for anything that helps enhance Japan's military strength; the
  45-working-day review period does not apply (sources.md section 1.5).

  @ann2026_12.watch_listed.end_user @ann2026_12.risk_assessment_report @ann2026_12.written_commitment
  @ann2026_12.no_general_licence @ann2026_12.no_registration @ann2026_12.no_45_day_clock
  Scenario Outline: On <date>, dysprosium oxide for civilian use by TDK requires a licence <with> the watch-list conditions
    Given a transfer of dysprosium oxide from China to TDK on <date>
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions <condition> a risk-assessment report
    And the licence conditions <condition> a written commitment
    And the licence conditions <condition> no general licence
    And the licence conditions <condition> no registration
    And the licence conditions <condition> no 45-working-day clock
    And the grounds do not rely on the control list

    Examples: the day before and the day of the listing
      | date              | with    | condition      |
      | 23 February 2026  | without | do not include |
      | 24 February 2026  | with    | include        |

  @ann2026_12.watch_listed.consignee @ann2026_12.risk_assessment_report
  Scenario: On 2 March 2026, terbium metal consigned to ITOCHU Aviation for a civilian airline requires a licence with the watch-list conditions
    Given a transfer of terbium metal from China to ITOCHU Aviation Co. on 2 March 2026
    And the end user is Nagoya Air Services, a Japanese airline
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions include a risk-assessment report
    And the licence conditions include a written commitment

  @ann2026_12.watch_listed.end_user @ann2026_1.c1.military_use
  Scenario: On 2 March 2026, dysprosium oxide for a military use by SUBARU Corporation is prohibited
    Exports involving Japanese military uses to a watch-listed entity will not be approved; the
    ban of Announcement 2026 No. 1 already prohibits them.
    Given a transfer of dysprosium oxide from China to SUBARU Corporation on 2 March 2026
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_use
    And there are no licence conditions
