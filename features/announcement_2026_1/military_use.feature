Feature: Announcement 2026 No. 1, clause 1, second prong: Japanese military uses
  Exports of dual-use items for a Japanese military use are prohibited from 6 January 2026,
  whoever the end user is. The rule base reads "Japanese" as: the item goes to Japan, to a
  Japanese party, or is used by an end user in Japan (an interpretation, shown as such).

  @ann2026_1.c1.military_use @ann2026_1.c1.any.military_use @outcome.prohibited.military_use
  @outcome.banned.military_use @ann2026_1.japan_nexus.recipient @ann2026_1.japanese_recipient.end_user
  @ann2026_1.japanese_party
  Scenario: On 2 March 2026, terbium metal for a military use by Kansai Ceramics, an unlisted Japanese company, is prohibited on the second prong alone
    Given a transfer of terbium metal from China to Kansai Ceramics, a Japanese company on 2 March 2026
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_use
    And the grounds include Announcement 2026 No. 1 clause 1 second prong
    And the grounds do not include rule ann2026_1.c1.military_user
    And the grounds do not rely on a Japanese military user
    And the grounds do not rely on the control list
    And the answer shows rule ann2026_1.c1.military_use as an interpretation

  @ann2026_1.c1.military_use @ann2026_1.japan_nexus.destination
  Scenario: On 2 March 2026, terbium metal sent to Japan for a military use by a South Korean company is prohibited
    Given a transfer of terbium metal from China to Seoul Optics, a South Korean company on 2 March 2026
    And the item goes to Japan
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_use
    And the grounds include rule ann2026_1.japan_nexus.destination

  @ann2026_1.c1.military_use @ann2026_1.japan_nexus.located @ann2026_1.japan_nexus.located_any
  Scenario: On 2 March 2026, terbium metal for a military use by a South Korean company's plant in Japan is prohibited
    Given a transfer of terbium metal from China to Seoul Optics, a South Korean company on 2 March 2026
    And the end user uses the item in Japan
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_use
    And the grounds include rule ann2026_1.japan_nexus.located_any

  @ann2026_1.c1.military_use @ann2026_1.japan_nexus.destination @ann2026_1.japan_nexus.recipient
  @ann2026_1.japan_nexus.located
  Scenario: On 2 March 2026, terbium metal for a South Korean military use in South Korea requires a licence
    The announcement bans Japanese military uses; a military use elsewhere is left to the
    ordinary licence requirement.
    Given a transfer of terbium metal from China to Seoul Optics, a South Korean company in South Korea on 2 March 2026
    And the end use is military
    And the end use is one that does not help enhance Japan's military strength
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds do not include Announcement 2026 No. 1
    And rule ann2026_1.c1.military_use was considered and did not apply
    And rule ann2026_1.japan_nexus.destination was considered and did not apply

  @ann2026_1.japanese_recipient.end_user @ann2026_1.japan_nexus.recipient @ann2026_1.c1.military_use
  Scenario: On 2 March 2026, terbium metal sold through a Singaporean distributor to a Japanese company for a military use is prohibited
    The consignee is not Japanese; the end user is, which gives the use its Japan nexus.
    Given a transfer of terbium metal from China to Kansai Ceramics, a Japanese company on 2 March 2026
    And the consignee is Lion Metals, a Singaporean company
    And the end use is military
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_use
    And the grounds include rule ann2026_1.japanese_recipient.end_user
