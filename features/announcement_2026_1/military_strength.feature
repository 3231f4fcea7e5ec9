Feature: Announcement 2026 No. 1, clause 1, third prong: end users and uses that help enhance Japan's military strength
  "以及一切有助于提升日本军事实力的其他最终用户用途": any other end user or end use that helps enhance
  Japan's military strength. The phrase is open-textured (sources.md section 9, pitfall 7): the
  rule base takes the user's answer, and treats a control-listed end user (Announcement 2026 No. 11,
  listed for "参与提升日本军事实力") as such an end user.

  @ann2026_1.c1.military_strength @ann2026_1.c1.any.military_strength
  @outcome.prohibited.military_strength @outcome.banned.military_strength
  Scenario: On 2 March 2026, samarium-cobalt magnets for a civilian firm whose use helps enhance Japan's military strength are prohibited on the third prong alone
    Given a transfer of samarium cobalt magnet from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the end use is civilian but helps enhance Japan's military strength
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_strength
    And the grounds include Announcement 2026 No. 1 clause 1 third prong
    And the grounds do not include rule ann2026_1.c1.military_user
    And the grounds do not include rule ann2026_1.c1.military_use
    And the grounds do not rely on the control list

  @ann2026_1.c1.military_strength @outcome.prohibited.military_strength
  Scenario: On 2 March 2026, samarium-cobalt magnets for a civilian use that does not help Japan's military strength require a licence
    Given a transfer of samarium cobalt magnet from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And rule ann2026_1.c1.military_strength was considered and did not apply
    And rule ann2026_1.c1.military_use was considered and did not apply
    And rule ann2026_1.c1.military_user was considered and did not apply
    And the licence conditions include a civilian-use assurance
