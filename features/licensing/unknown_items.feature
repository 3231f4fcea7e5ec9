Feature: Items the catalogue does not settle are asked about, never assumed unlisted
  The list itself (about 700 items at launch, about 1,100 in 2026) was not retrieved; items that
  are not in the catalogue, or whose listing turns on parameters the catalogue cannot check
  (purity, size), are asked about (scope.md; rules/ann2024_51_dual_use_list.dl).

  @ecl_art9.declared_listed @ecl_art12.declared
  Scenario: On 2 March 2026, an item the catalogue does not know, for a civilian German buyer, is undetermined and the answer asks whether it is listed
    Given a transfer of ceramic matrix composite panel from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be licence required
    And the outcome could still be not controlled
    And the next question is about whether the item is listed

  @ecl_art9.declared_listed @ecl_art12.declared @ecl_art12.licensable.declared
  @ecl_art12.controlled.declared @outcome.license_required.declared
  Scenario: On 2 March 2026, an item the catalogue does not know but the exporter says is listed requires a licence
    Given a transfer of ceramic matrix composite panel from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the item is on the control list
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art12.declared
    And the grounds rely on the user's statement that the item is listed

  @ecl_art9.declared_listed @ecl_art9.catalogue_settles.listed
  Scenario: On 2 March 2026, spherical graphite, whose listing turns on its grade, is undetermined until the exporter says whether it is listed
    Given a transfer of spherical graphite from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is undetermined
    And the next question is about whether the item is listed

  @ecl_art9.declared_listed @outcome.license_required.declared
  Scenario: On 2 March 2026, spherical graphite that the exporter says is of a listed grade requires a licence
    Given a transfer of spherical graphite from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the item is on the control list
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art9.declared_listed

  @ecl_art9.declared_listed @ecl_art9.catalogue_settles.listed
  Scenario: On 2 March 2026, dysprosium oxide that the exporter wrongly says is unlisted still requires a licence
    The catalogue settles the listing of dysprosium oxide: the user's statement does not unlist it.
    Given a transfer of dysprosium oxide from China to Hanoi Ceramics, a Vietnamese company in Vietnam on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include rule ecl_art12.listed

  @ecl_art12.controlled.declared @ann2026_1.c1.military_user
  Scenario: On 2 March 2026, an item the catalogue does not know but the exporter says is listed, for the Japan Air Self-Defense Force, is prohibited
    Given a transfer of ceramic matrix composite panel from China to the Japan Air Self-Defense Force on 2 March 2026
    And the item is on the control list
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule ecl_art12.controlled.declared
    And the grounds include rule ann2026_1.c1.military_user
