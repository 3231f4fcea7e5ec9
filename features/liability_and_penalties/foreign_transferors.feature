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

  @ecl_art44.foreign_shipper @ecl_art44.foreign_transit.banned @ecl_art44_34.fine.multiple @ecl_art44.sanctions
  Scenario: On 2 March 2026, a South Korean shipper of gallium arsenide through China to the Japan Maritime Self-Defense Force is liable under ECL Art. 44, not as an Art. 34 exporter
    A person outside the PRC who breaches export-control provisions is dealt with under ECL Art.
    44, as clause 2 of Announcement 2026 No. 1 deals with foreign transferors; reading it as an
    Art. 34 exporter is a reading a PRC practitioner would dispute.
    Given a transfer of gallium arsenide from South Korea to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a transit through China
    And the item is of Korean origin
    And the item is routed through China
    And the exporter is Hanil Chemicals, a South Korean company
    And the exporter's illegal turnover is 800,000 yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And Hanil Chemicals is liable for shipping through China in breach, as a foreign party
    And Hanil Chemicals faces a fine between 4,000,000 and 8,000,000 yuan under Export Control Law Article 44
    And the sanctions against Hanil Chemicals include being dealt with under the Export Control Law

  @ecl_art44.foreign_shipper @ecl_art44.foreign_transit.unlicensed
  Scenario: On 2 March 2026, a South Korean shipper of gallium arsenide through China to a Japanese civilian buyer without a licence is liable under ECL Art. 44
    Given a transfer of gallium arsenide from South Korea to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the transfer is a transit through China
    And the item is of Korean origin
    And the item is routed through China
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And the exporter holds no licence
    And the exporter is Hanil Chemicals, a South Korean company
    When the transfer is assessed
    Then the transfer requires a licence
    And Hanil Chemicals is liable for shipping through China in breach, as a foreign party

  @ecl_art44.foreign_shipper.re_export @ann2026_1.c2.liability
  Scenario: On 2 March 2026, a Singaporean re-exporter of PRC-origin dysprosium oxide to the Japan Maritime Self-Defense Force, whose route is not known, may be liable, and the answer asks about the route
    Either way the transfer is prohibited; whether the re-exporter is liable under clause 2 or as a
    foreign shipper through China turns on the route, so the answer never says "not liable".
    Given a transfer with:
      | field            | value                              |
      | date             | 2 March 2026                       |
      | transfer         | re-export                          |
      | origin           | China                              |
      | item.description | dysprosium oxide                   |
      | exporter.name    | Lion Metals                        |
      | exporter.country | Singapore                          |
      | consignee.name   | Japan Maritime Self-Defense Force  |
      | end_user.name    | Japan Maritime Self-Defense Force  |
      | destination      | Japan                              |
    When the transfer is assessed
    Then the transfer is prohibited
    And the answer warns that "Lion Metals may be liable under Announcement 2026 No. 1, cl. 2, depending on the answer to: Through which countries"
    And the answer warns that "Lion Metals may be liable under ECL Art. 44"
