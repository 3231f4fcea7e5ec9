Feature: Transit through China, re-export through China and bonded zones (ECL Art. 45; Regs Art. 48)
  Transit, transshipment, through-shipment and re-export are governed by the Export Control Law
  (Art. 45); the rule base treats a transit through China like an export (a reading: the detailed
  rules of Regs Art. 48(1) were not retrieved). Moves into bonded zones inside China need no export
  licence (Regs Art. 48(2), from 1 December 2024).

  @ecl_art45.transit
  Scenario: On 2 March 2026, South Korean gallium arsenide in transit through China to a Japanese civilian buyer requires a licence
    Given a transfer of gallium arsenide from South Korea to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the transfer is a transit through China
    And the item is of Korean origin
    And the item is routed through China
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art45.transit
    And the answer shows rule ecl_art45.transit as an interpretation

  @ecl_art45.transit @ann2026_1.c1.military_user
  Scenario: On 2 March 2026, South Korean gallium arsenide in transit through China to the Japan Maritime Self-Defense Force is prohibited
    Given a transfer of gallium arsenide from South Korea to the Japan Maritime Self-Defense Force in Japan on 2 March 2026
    And the transfer is a transit through China
    And the item is of Korean origin
    And the item is routed through China
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ecl_art45.transit
    And the grounds include rule ann2026_1.c1.military_user

  @ecl_art45.re_export_via_china @ecl_art45.route_via_china
  Scenario: On 2 March 2026, a Singaporean company's re-export of Australian-origin terbium oxide shipped through China to a Japanese company requires a licence
    Given a transfer of terbium oxide from Singapore to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Australian origin
    And the item is routed through China
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art45.re_export_via_china
    And the grounds include rule ecl_art45.route_via_china

  @regs_art48.bonded_zone @ecl_art2.bonded_zone @outcome.out_of_scope.bonded_zone
  Scenario: On 2 March 2026, dysprosium oxide moved into a bonded zone inside China is out of scope
    Given a transfer of dysprosium oxide from Huaxin Materials, a Chinese company in China to Huaxin Bonded Warehouse, a Chinese company in China on 2 March 2026
    And the transfer is a move into a bonded zone
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include Regulations Article 48(2)
    And no one is liable

  @regs_art48.bonded_zone @ecl_art2.bonded_zone
  Scenario: On 3 June 2024, before the Regulations, gallium metal moved into a bonded zone inside China is out of scope under the Export Control Law
    Given a transfer of gallium metal from Huaxin Materials, a Chinese company in China to Huaxin Bonded Warehouse, a Chinese company in China on 3 June 2024
    And the transfer is a move into a bonded zone
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include rule ecl_art2.bonded_zone
    And the grounds do not include Regulations Article 48(2)

  @ecl_art2.limb_b.bonded_zone @ecl_art2.limb_b.bonded_zone.export @regs_art48.bonded_zone @outcome.license_required.listed
  Scenario: On 2 March 2026, dysprosium oxide provided by a Chinese company to a South Korean consignee in a Chinese bonded zone requires a licence
    Regs Art. 48(2) frees moves into bonded zones from licensing, but limb (b) of ECL Art. 2(3)
    reaches a PRC person's provision to a foreign person wherever the item is (sources.md
    sections 2 and 9, pitfall 3).
    Given a transfer of dysprosium oxide from Huaxin Materials, a Chinese company in China to Busan Magnetics, a South Korean company in China on 2 March 2026
    And the transfer is a move into a bonded zone
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.bonded_zone
    And the grounds do not include Regulations Article 48(2)
    And the answer shows rule ecl_art2.limb_b.bonded_zone as an interpretation

  @ecl_art45.bonded_zone_abroad @outcome.license_required.listed
  Scenario: On 3 December 2026, dysprosium oxide leaving a Chinese bonded zone for Vietnam requires a licence as an export from the zone
    ECL Art. 45 governs exports abroad from special customs supervision zones.
    Given a transfer of dysprosium oxide from Huaxin Materials, a Chinese company in China to Hanoi Ceramics, a Vietnamese company in Vietnam on 3 December 2026
    And the transfer is a move into a bonded zone
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art45.bonded_zone_abroad
    And the answer warns about the research horizon

  @regs_art48.bonded_zone @ecl_art45.bonded_zone_abroad
  Scenario: On 2 March 2026, a move into a bonded zone whose destination and recipient are not stated is undetermined and asks where the item goes
    Given a transfer with:
      | field            | value            |
      | date             | 2 March 2026     |
      | transfer         | bonded-zone      |
      | item.description | dysprosium oxide |
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be out of scope
    And the outcome could still be licence required
    And a question is asked about the destination
