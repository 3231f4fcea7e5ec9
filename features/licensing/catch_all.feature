Feature: The catch-all for unlisted items (ECL Art. 12(3); Regs Art. 14(3))
  An unlisted item needs a licence when the exporter knows, or should know, or is notified by
  MOFCOM, that it may (1) endanger national security and interests, (2) be used for weapons of
  mass destruction or their means of delivery, or (3) be used for terrorism (sources.md section 2).

  @ecl_art12.catch_all.wmd @ecl_art12.catch_all @ecl_art12.licensable.catch_all
  @ecl_art12.controlled.catch_all @outcome.license_required.catch_all
  Scenario: On 2 March 2026, an unlisted valve that the exporter knows may serve a missile programme requires a licence
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows that the item may be used for weapons of mass destruction
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include the catch-all
    And the grounds include Export Control Law Article 12(3)(2)
    And the grounds do not rely on the item list

  @ecl_art12.catch_all.terrorism @outcome.license_required.catch_all
  Scenario: On 2 March 2026, an unlisted valve that the exporter knows may be used for terrorism requires a licence
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows that the item may be used for terrorism
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include Export Control Law Article 12(3)(3)

  @ecl_art12.catch_all.national_security @outcome.license_required.catch_all
  Scenario: On 2 March 2026, an unlisted valve that the exporter knows may endanger national security requires a licence
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows that the item may endanger China's national security
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include Export Control Law Article 12(3)(1)

  @ecl_art12.catch_all.notified @outcome.license_required.catch_all
  Scenario: On 2 March 2026, an unlisted valve about which MOFCOM has notified the exporter requires a licence
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And MOFCOM has notified the exporter that a licence is needed
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art12.catch_all.notified

  @ecl_art12.catch_all @ecl_art12.catch_all.wmd @ecl_art12.catch_all.terrorism
  @ecl_art12.catch_all.national_security @ecl_art12.catch_all.notified @outcome.not_controlled
  Scenario: On 2 March 2026, an unlisted valve with no catch-all knowledge is not controlled
    Given a transfer of precision valve from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And rule ecl_art12.catch_all.wmd was considered and did not apply
    And rule ecl_art12.catch_all.notified was considered and did not apply
    And rule outcome.license_required.catch_all was considered and did not apply

  @ecl_art12.controlled.catch_all @ann2026_1.c1.military_user
  Scenario: On 2 March 2026, an unlisted valve for the Japan Ground Self-Defense Force that the exporter knows may serve weapons of mass destruction is prohibited
    The catch-all makes the valve a controlled dual-use item, which the ban reaches.
    Given a transfer of precision valve from China to the Japan Ground Self-Defense Force on 2 March 2026
    And the item is not on the control list
    And the exporter knows that the item may be used for weapons of mass destruction
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ann2026_1.c1.military_user
    And the grounds include rule ecl_art12.controlled.catch_all

  @ecl_art12.controlled.catch_all @ann2026_1.c1.military_user @outcome.not_controlled
  Scenario: On 2 March 2026, an unlisted valve for the Japan Ground Self-Defense Force with no catch-all knowledge is not controlled
    The rule base reads "all dual-use items" as the items that need a licence (sources.md section
    1.4: in practice the ban bites on licensable items); Jipyong's wider reading, reaching
    unlisted items whenever the exporter knows of a Japanese military end use, is not encoded.
    Given a transfer of precision valve from China to the Japan Ground Self-Defense Force on 2 March 2026
    And the item is not on the control list
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And rule ann2026_1.c1.military_user was considered and did not apply
