Feature: Foreign parties who transfer PRC-origin items to prohibited Japanese parties (ECL Art. 44)
  Organisations and individuals outside the PRC who breach export-control provisions are dealt
  with and held liable under the Export Control Law (Art. 44); Announcement 2026 No. 1 clause 2 and
  Announcement 2026 No. 11 name such transfers. sources.md gives no fine for Art. 44 itself: the
  rule base applies the tiers of the article that punishes the same conduct by an exporter (a
  low-confidence reading, shown as such).

  @ann2026_1.c2.liability @ecl_art44_34.fine.multiple @ecl_art44_34.fine.fixed @ecl_art44.sanctions
  Scenario Outline: On 2 March 2026, a Singaporean re-exporter of PRC-origin dysprosium oxide to the Japan Maritime Self-Defense Force with an illegal turnover of <turnover> yuan faces <low> to <high> yuan on the ECL Art. 34 tiers
    Given a transfer of dysprosium oxide from Singapore to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And Lion Metals is liable for transferring PRC-origin items to a prohibited Japanese party
    And Lion Metals faces a fine between <low> and <high> yuan under Export Control Law Article 44

    Examples: below, at and above the 500,000 yuan threshold
      | turnover | low       | high      |
      | 100,000  | 500,000   | 5,000,000 |
      | 500,000  | 2,500,000 | 5,000,000 |
      | 800,000  | 4,000,000 | 8,000,000 |

  @ann2026_11.m1.foreign_liability @ecl_art44_37.fine.multiple @ecl_art44_37.fine.fixed
  Scenario Outline: On 2 March 2026, a Singaporean re-exporter of PRC-origin gallium metal to control-listed IHI Aerospace with an illegal turnover of <turnover> yuan faces <low> to <high> yuan on the ECL Art. 37 tiers
    Given a transfer of gallium metal from Singapore to IHI Aerospace Co., Ltd. in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the end use is civilian
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And Lion Metals is liable for transferring PRC-origin items to a control-listed party
    And Lion Metals faces a fine between <low> and <high> yuan under Export Control Law Article 44

    Examples: below, at and above the 500,000 yuan threshold
      | turnover | low        | high       |
      | 300,000  | 500,000    | 5,000,000  |
      | 500,000  | 5,000,000  | 10,000,000 |
      | 600,000  | 6,000,000  | 12,000,000 |
