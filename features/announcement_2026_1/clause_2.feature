Feature: Announcement 2026 No. 1, clause 2: any person, any country, PRC-origin items to Japanese parties
  "任何国家和地区的组织和个人，违反上述规定，将原产于中华人民共和国的相关两用物项转移或提供给日本的组织和个人，
  将依法追究法律责任。" A foreign party that transfers PRC-origin dual-use items to a Japanese party in
  breach of clause 1 is liable (with ECL Art. 44). Clause 2 reaches PRC-origin items only, and only
  where a prong of clause 1 is met (sources.md section 1.4).

  @ann2026_1.c2.scope @ann2026_1.c2.liability @ecl_art45.re_export_prc_origin
  @ecl_art45.in_scope.prc_origin @ann2026_1.c1.military_user @ann2026_1.japanese_recipient.consignee
  @ann2026_1.japanese_party.catalogue
  Scenario: On 2 March 2026, a Singaporean company's re-export of PRC-origin dysprosium oxide to the Japan Maritime Self-Defense Force is prohibited and the re-exporter is liable under clause 2
    Given a transfer of dysprosium oxide from Singapore to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include Announcement 2026 No. 1 clause 2
    And the grounds include rule ann2026_1.c2.scope
    And the grounds include rule ann2026_1.c1.military_user
    And Lion Metals is liable for transferring PRC-origin items to a prohibited Japanese party
    And the sanctions against Lion Metals include being dealt with under the Export Control Law

  @ann2026_1.c2.scope @ann2026_1.c2.liability @outcome.not_controlled @ecl_art45.in_scope.prc_origin
  Scenario: On 2 March 2026, a Singaporean company's re-export of PRC-origin dysprosium oxide to a Japanese carmaker for civilian use is not controlled by these rules
    Clause 2 does not make a civilian-use transfer unlawful; a licence for a transfer made
    abroad by a foreign party would need a measure under Regs Art. 49, and the one issued
    (Announcement 2025 No. 61) is suspended (sources.md sections 1.4 and 3).
    Given a transfer of dysprosium oxide from Singapore to Kansai Motors, a Japanese company in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds include rule ecl_art45.in_scope.prc_origin
    And Lion Metals is not liable
    And rule outcome.prohibited.military_use was considered and did not apply

  @ecl_art45.third_countries @outcome.out_of_scope.third_countries @ann2026_1.c2.scope
  Scenario: On 2 March 2026, a Singaporean company's re-export of Australian-origin dysprosium oxide to the Japan Maritime Self-Defense Force is out of scope
    Clause 2 covers items of PRC origin only; a foreign item passing between third countries is
    outside Chinese export control.
    Given a transfer of dysprosium oxide from Singapore to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Australian origin
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include rule ecl_art45.third_countries
    And the grounds do not include Announcement 2026 No. 1
    And Lion Metals is not liable

  @ecl_art45.third_countries @outcome.out_of_scope.third_countries
  Scenario: On 2 March 2026, a Singaporean company's re-export of Japanese-origin gallium metal to the Japan Maritime Self-Defense Force is out of scope
    Given a transfer of gallium metal from Singapore to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Japanese origin
    When the transfer is assessed
    Then the transfer is out of scope
    And no one is liable
