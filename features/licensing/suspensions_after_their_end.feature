Feature: Time-boxed suspensions after their published end, and the research horizon
  Announcement 2025 No. 70 suspends Nos. 55-58, 61 and 62 "until 2026-11-10"; No. 72 suspends
  clause 2 of No. 46/2024 "until 2026-11-27". The sources end on 2026-11-28 and a search on
  2026-12-03 found nothing on an extension or a lapse: after those dates the status of the
  suspended measures is not known (sources.md, research horizon; section 4.2). Holmium is an item
  of No. 57, dysprosium of No. 18, which was never suspended.

  @ann2025_70.suspension.extended @ecl_art9.catalogue_settles.suspension_end
  Scenario Outline: On <date>, holmium oxide for a civilian Japanese buyer is undetermined until the user says whether No. 70 was extended
    Given a transfer of holmium oxide from China to Sakura Ceramics, a Japanese company in Japan on <date>
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be not controlled
    And the outcome could still be licence required
    And the next question is about the suspension by Announcement 2025 No. 70
    And the caveat about a suspension says the outcome depends on it
    And the answer warns that "MOFCOM & GACC Announcement 2025 No. 70 suspended"
    And the answer warns that "until 2026-11-10"

    Examples: the day after the published end, and today
      | date              |
      | 11 November 2026  |
      | 3 December 2026   |

  @ann2025_70.suspension.extended @ecl_art9.listed_item @outcome.license_required.listed
  Scenario: On 3 December 2026, holmium oxide for a civilian Japanese buyer requires a licence once the user has found No. 70 was not extended
    Given a transfer of holmium oxide from China to Sakura Ceramics, a Japanese company in Japan on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And MOFCOM has not extended the suspension by Announcement 2025 No. 70
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include Export Control Law Article 12(2)
    And rule ann2025_70.suspension.extended was considered and did not apply
    And no question is asked
    And the answer warns that "You state that MOFCOM has not extended it"

  @ann2025_70.suspension.extended @ecl_art9.listed_item @outcome.not_controlled
  Scenario: On 11 November 2026, holmium oxide for a civilian Japanese buyer is not controlled once the user confirms No. 70 was extended
    Given a transfer of holmium oxide from China to Sakura Ceramics, a Japanese company in Japan on 11 November 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And MOFCOM has extended the suspension by Announcement 2025 No. 70
    When the transfer is assessed
    Then the transfer is not controlled
    And rule ecl_art9.listed_item was considered and did not apply
    And no question is asked
    And the answer warns that "You state that MOFCOM has extended it; the answer relies on that"

  @ann2025_70.suspension @ecl_art9.catalogue_settles.suspended
  Scenario: On 10 November 2026, the last day of the suspension, holmium oxide for a civilian Japanese buyer is not controlled with no caveat on the suspension
    Given a transfer of holmium oxide from China to Sakura Ceramics, a Japanese company in Japan on 10 November 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And the answer does not warn about a suspension
    And the answer does not warn about the research horizon

  @outcome.license_required.listed
  Scenario: On 3 December 2026, dysprosium oxide for a civilian Japanese buyer requires a licence whatever became of the suspensions, and the answer says so
    No. 18 was never suspended, so the outcome does not depend on No. 70; the answer still says
    that the status of the suspended measures and any law after 2026-11-28 are not known.
    Given a transfer of dysprosium oxide from China to Sakura Ceramics, a Japanese company in Japan on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And no question is asked
    And the first caveat is about the research horizon
    And the answer warns that "The sources of this rule base end on 2026-11-28"
    And the answer warns that "The outcome of this transfer does not depend on it"
    And the answer warns that "MOFCOM Announcement 2025 No. 72 suspended"

  @outcome.license_required.listed
  Scenario Outline: On <date>, the answer <says> the suspension by Announcement 2025 No. 72 has passed its end
    Given a transfer of dysprosium oxide from China to Sakura Ceramics, a Japanese company in Japan on <date>
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And the answer <warning> "MOFCOM Announcement 2025 No. 72 suspended"
    And the answer <horizon> "The sources of this rule base end on 2026-11-28"

    Examples: the last day of No. 72's suspension, the day after, and the day after the horizon
      | date              | says         | warning              | horizon              |
      | 27 November 2026  | does not say | does not warn that   | does not warn that   |
      | 28 November 2026  | says         | warns that           | does not warn that   |
      | 29 November 2026  | says         | warns that           | warns that           |

  @outcome.license_required.listed
  Scenario: A transfer with no date, assessed as of 3 December 2026, says first that no date was given
    Given a transfer with:
      | field                   | value              |
      | transfer                | export             |
      | item.description        | dysprosium oxide   |
      | exporter.name           | Huaxin Materials   |
      | exporter.country        | China              |
      | consignee.name          | Sakura Ceramics    |
      | consignee.country       | Japan              |
      | end_user.name           | Sakura Ceramics    |
      | end_user.country        | Japan              |
      | destination             | Japan              |
      | route                   | China, Japan       |
      | end_use.military        | no                 |
      | end_use.helps_military_strength | no         |
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed as of 3 December 2026
    Then the transfer requires a licence
    And the first caveat is about the date
    And the answer warns that "The transfer gives no date: the law in force on 2026-12-03 was applied"
    And the answer warns about the research horizon

  @outcome.license_required.listed
  Scenario: On 2 March 2026, a dated transfer carries no caveat about the date or the horizon
    Given a transfer of dysprosium oxide from China to Sakura Ceramics, a Japanese company in Japan on 2 March 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And the answer does not warn about the date
    And the answer does not warn about the research horizon
    And the answer does not warn about a suspension
