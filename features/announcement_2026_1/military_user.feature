Feature: Announcement 2026 No. 1, clause 1, first prong: Japanese military users
  "禁止所有两用物项对日本军事用户、军事用途，以及一切有助于提升日本军事实力的其他最终用户用途出口。"
  Exports of all dual-use items to Japanese military users are prohibited from 6 January 2026,
  the day the announcement was published (sources.md section 1.2). The announcement does not
  define "military user": the rule base reads it as the Ministry of Defense, the Self-Defense
  Forces and bodies associated with them (GT Law's reading, sources.md section 6).

  @ann2026_1.c1.military_user @ann2026_1.c1.any.military_user @outcome.prohibited.military_user
  @outcome.banned.military_user @ann2026_1.c1.scope @ecl_art12.controlled.listed @ecl_art9.listed_item
  Scenario: On 2 March 2026, dysprosium oxide for the Japan Maritime Self-Defense Force is prohibited
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on 2 March 2026
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include Announcement 2026 No. 1 clause 1
    And the grounds include Announcement 2026 No. 1 clause 1 first prong
    And the grounds include rule ann2026_1.c1.military_user
    And the grounds rely on a Japanese military user
    And the grounds do not rely on the control list
    And the grounds do not include rule ann2026_1.c1.military_use
    And the answer shows rule ann2026_1.c1.military_user as an interpretation

  @ann2026_1.c1.military_user @ann2026_1.c1.military_use @ann2026_1.c1.military_strength
  Scenario: On 2 March 2026, dysprosium oxide for the disaster-relief work of the Japan Ground Self-Defense Force is prohibited on the first prong alone
    The end user alone carries the ban: the end use is neither military nor helps Japan's
    military strength, so the second and third prongs do not apply.
    Given a transfer of dysprosium oxide from China to the Japan Ground Self-Defense Force on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_user
    And the grounds do not include rule ann2026_1.c1.military_use
    And the grounds do not include rule ann2026_1.c1.military_strength
    And the grounds include Announcement 2026 No. 1 clause 1 first prong
    And the grounds do not include Announcement 2026 No. 1 clause 1 second prong
    And the grounds do not include Announcement 2026 No. 1 clause 1 third prong

  @ann2026_1.c1.military_user.consignee @ann2026_1.c1.military_user
  Scenario: On 2 March 2026, gallium arsenide consigned to the Acquisition, Technology & Logistics Agency for a university laboratory is prohibited
    ATLA, an external agency of the Ministry of Defense, receives the goods as consignee; the
    named end user is a civilian university. The item still goes to a military user.
    Given a transfer of gallium arsenide from China to the Acquisition, Technology & Logistics Agency on 2 March 2026
    And the end user is Kansai Institute of Technology, a Japanese university
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_user.consignee
    And the grounds do not include rule ann2026_1.c1.military_use

  @ann2026_1.c1.military_user @ann2026_1.c1.military_user.consignee
  Scenario: On 2 March 2026, dysprosium oxide sold to Sakura Trading, a Japanese trading house reselling to the Japan Maritime Self-Defense Force, is prohibited
    The consignee is a civilian trading house; the end user is a military user. The ban looks
    through the trading house to the end user.
    Given a transfer of dysprosium oxide from China to Sakura Trading, a Japanese trading house in Japan on 2 March 2026
    And the end user is the Japan Maritime Self-Defense Force
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_user
    And the grounds do not include rule ann2026_1.c1.military_user.consignee
    And the grounds do not rely on the control list

  @ann2026_1.c1.military_user
  Scenario: On 2 March 2026, dysprosium oxide shipped from China through South Korea to the Japan Air Self-Defense Force is prohibited
    A route through a third country does not change who the end user is.
    Given a transfer of dysprosium oxide from China to the Japan Air Self-Defense Force in Japan on 2 March 2026
    And the item is routed through South Korea
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_user
    And the grounds include Announcement 2026 No. 1 clause 1
