Feature: Gifts and exhibitions are transfers (ECL Art. 2(3); Regs Art. 2 from 1 December 2024)
  "Export control" covers trade exports, gifts, exhibitions, cooperation, aid and any other form
  of transfer (Regs Art. 2, in force 1 December 2024). Before the Regulations, the rule base reads
  ECL Art. 2(3) "transfer" the same way (an interpretation).

  @ecl_art2.form.gift @regs_art2.form.gift @ecl_art2.limb_a.other_form @ecl_art2.limb_a.destination_abroad
  Scenario: On 2 March 2026, gallium nitride given as a gift to a German research institute requires a licence
    Regs Art. 2 names gifts.
    Given a transfer of gallium nitride from China to Fraunhofer Test Lab, a German institute in Germany on 2 March 2026
    And the transfer is a gift
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_a.other_form
    And the grounds include Export Control Law Article 2(3)
    And the grounds include Regulations Article 2

  @ecl_art2.form.exhibition @regs_art2.form.exhibition @ecl_art2.limb_a.other_form
  Scenario: On 2 March 2026, samarium-cobalt magnets sent to a trade fair in Germany require a licence
    Given a transfer of samarium cobalt magnet from China to Berlin Messe, a German company in Germany on 2 March 2026
    And the transfer is an exhibition
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_a.other_form

  @regs_art2.form.exhibition @ecl_art2.form.exhibition
  Scenario: On 3 June 2024, before the Regulations, gallium metal sent to a trade fair in Germany requires a licence under the Export Control Law alone
    Regs Art. 2 names exhibitions only from 1 December 2024; gallium metal was listed then by
    Announcement 2023 No. 23.
    Given a transfer of gallium metal from China to Berlin Messe, a German company in Germany on 3 June 2024
    And the transfer is an exhibition
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds do not include Regulations Article 2
    And the grounds include rule ecl_art2.form.exhibition

  @ecl_art2.limb_b.other_form @ecl_art2.form.gift
  Scenario: On 2 March 2026, germanium dioxide given by a Chinese university to a visiting Japanese researcher inside China requires a licence
    Given a transfer of germanium dioxide from Tianjin Institute, a Chinese university in China to Taro Yamada, a Japanese researcher in China on 2 March 2026
    And the transfer is a gift
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art2.limb_b.other_form
    And the grounds do not include rule ecl_art2.limb_a.other_form

  @ecl_art2.domestic.other_form @outcome.out_of_scope.domestic
  Scenario: On 2 March 2026, germanium dioxide given by one Chinese university to another inside China is out of scope
    Given a transfer of germanium dioxide from Tianjin Institute, a Chinese university in China to Wuhan Institute, a Chinese university in China on 2 March 2026
    And the transfer is a gift
    When the transfer is assessed
    Then the transfer is out of scope
    And the grounds include rule ecl_art2.domestic.other_form
