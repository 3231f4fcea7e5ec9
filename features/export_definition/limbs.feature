Feature: What counts as an export: the two limbs of ECL Art. 2(3) and Regs Art. 2
  Export control covers (a) transfers of controlled items from inside PRC territory to outside
  it, and (b) provision of controlled items by PRC citizens, legal persons and unincorporated
  organisations to foreign organisations and individuals, wherever the item is (sources.md
  section 2; limb (b) works like a deemed export, sources.md section 9, pitfall 3).

  @ecl_art2.limb_a.export @ecl_art2.in_scope.export
  Scenario: On 2 March 2026, gallium metal shipped from China to a German company requires a licence as an export under limb (a)
    Given a transfer of gallium metal from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_a.export
    And the grounds include Export Control Law Article 12(2)
    And the licence conditions do not include the control code on the customs declaration

  @ecl_art2.limb_b.deemed_export @ecl_art2.limb_b.consignee @ecl_art2.limb_b.end_user
  @ecl_art2.limb_b.any @ecl_art2.prc_person @ecl_art2.foreign_person
  Scenario: On 2 March 2026, gold-antimony smelting technology given by a Chinese company to a Japanese engineer inside China requires a licence as a deemed export
    Given a transfer with:
      | field              | value                               |
      | date               | 2 March 2026                        |
      | transfer           | deemed-export                       |
      | item.description   | gold antimony smelting technology   |
      | item.kind          | technology                          |
      | exporter.name      | Huaxin Materials                    |
      | exporter.country   | China                               |
      | consignee.name     | Taro Yamada                         |
      | consignee.country  | Japan                               |
      | consignee.located_in | China                             |
      | end_user.name      | Taro Yamada                         |
      | end_user.country   | Japan                               |
      | end_user.located_in | China                              |
      | destination        | China                               |
      | end_use.military   | no                                  |
      | end_use.helps_military_strength | no                     |
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.deemed_export
    And the grounds do not include rule ecl_art2.limb_a.export
    And the licence conditions include a civilian-use assurance

  @ecl_art2.domestic.deemed_export @outcome.out_of_scope.domestic @ecl_art2.limb_b.deemed_export
  Scenario: On 2 March 2026, gold-antimony smelting technology passed between two Chinese companies inside China is out of scope
    Given a transfer of gold antimony smelting technology from Huaxin Materials, a Chinese company in China to Beijing Rare Metals, a Chinese company in China on 2 March 2026
    And the transfer is a provision to a foreign person inside China
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include rule ecl_art2.domestic.deemed_export
    And rule ecl_art2.limb_b.deemed_export was considered and did not apply

  @ecl_art2.domestic.deemed_export @ecl_art2.prc_person
  Scenario: On 2 March 2026, gold-antimony smelting technology passed by a Singaporean company to a Japanese engineer inside China is out of scope
    Limb (b) is keyed to a PRC person providing the item; a foreign provider inside China is not
    an exporter under it.
    Given a transfer of gold antimony smelting technology from Lion Metals, a Singaporean company in China to Taro Yamada, a Japanese engineer in China on 2 March 2026
    And the transfer is a provision to a foreign person inside China
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include rule ecl_art2.domestic.deemed_export

  @ecl_art2.limb_b.re_export @ecl_art2.limb_b.consignee
  Scenario: On 2 March 2026, a Chinese company's re-export of Australian-origin dysprosium oxide from Singapore to a Japanese company requires a licence under limb (b)
    A PRC person that provides an item abroad to a foreign person exports it under limb (b),
    whatever the item's origin (a reading of ECL Art. 2(3) a PRC practitioner would dispute:
    shown as an interpretation of low confidence, with the other reading).
    Given a transfer of dysprosium oxide from Singapore to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the transfer is a re-export by Huaxin Materials, a Chinese company
    And the item is of Australian origin
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.re_export
    And the answer shows rule ecl_art2.limb_b.re_export as an interpretation
    And the answer shows rule ecl_art2.limb_b.re_export as a reading of low confidence

  @ecl_art2.foreign_person.catalogue @ecl_art2.limb_b.deemed_export
  Scenario: On 2 March 2026, terbium alloy technology shown by a Chinese company to TDK's engineers inside China requires a licence with the watch-list conditions
    TDK is a Japanese company on the watch list; the entity catalogue records it as Japanese, so its
    nationality need not be asked.
    Given a transfer of terbium alloy from Huaxin Materials, a Chinese company in China to TDK in China on 2 March 2026
    And the transfer is a provision to a foreign person inside China
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.deemed_export
    And the grounds include rule ecl_art2.foreign_person.catalogue
    And the licence conditions include a risk-assessment report

  @ecl_art2.limb_b.end_user @ecl_art2.limb_b.other_form
  Scenario: On 2 March 2026, germanium dioxide given to a Chinese distributor for use by a Japanese company's staff inside China requires a licence
    The consignee is a PRC person; the end user is foreign, so a PRC person provides the item to a
    foreign person.
    Given a transfer of germanium dioxide from Huaxin Materials, a Chinese company in China to Kansai Ceramics, a Japanese company in China on 2 March 2026
    And the consignee is Beijing Rare Metals, a Chinese company
    And the transfer is a gift
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.end_user
