Feature: Announcement 2026 No. 1 takes effect on 6 January 2026, the day of publication
  "本公告自公布之日起正式实施": effective on publication, with no transition period
  (sources.md sections 1.1 and 9). The day before, only the licence requirement of the
  Export Control Law applies to a listed item.

  @ann2026_1.c1.military_user @outcome.prohibited.military_user @outcome.license_required.listed
  Scenario Outline: On <date>, dysprosium oxide for the Japan Maritime Self-Defense Force <result>
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on <date>
    When the transfer is assessed
    Then the transfer <result>
    And the grounds <ban> Announcement 2026 No. 1 clause 1
    And the grounds include Export Control Law Article 12(2)

    Examples: the day before and the day of publication
      | date            | result                 | ban             |
      | 5 January 2026  | requires a licence     | do not include  |
      | 6 January 2026  | is prohibited          | include         |

  @ann2026_1.c1.military_user @outcome.prohibited.military_user
  Scenario: On 5 January 2026, the ban on military users is explained as not yet in force
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on 5 January 2026
    When the transfer is assessed
    Then the transfer requires a licence
    And rule outcome.prohibited.military_user was not in force on that date
    And rule outcome.prohibited.military_use was not in force on that date

  @ann2026_1.c1.military_user @outcome.license_required.listed
  Scenario: A 2 March 2026 shipment for the Japan Maritime Self-Defense Force assessed as of 5 January 2026 requires a licence
    The law applied is the law in force on the date asked, not on the shipping date.
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on 2 March 2026
    When the transfer is assessed as of 5 January 2026
    Then the transfer requires a licence
    And the grounds do not include Announcement 2026 No. 1
