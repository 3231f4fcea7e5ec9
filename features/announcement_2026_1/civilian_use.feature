Feature: Civilian end users in Japan and elsewhere
  The announcement is not a ban on civilian trade: "涉及民事用途的不会因此受到影响" (He Yadong, MOFCOM
  spokesperson, 8 January 2026). Applications that ensure civilian use are approved (He Yongqian,
  15 January 2026). A listed item still needs a licence (ECL Art. 12(2)); for a transfer with a
  Japan nexus, the licence application must show civilian use (a policy statement, not statute).

  @ann2026_1.civilian_use_assurance @outcome.license_required.listed @outcome.licence_route
  @ecl_art15.end_user_certificate @ecl_art16.end_use_undertaking @ann2025_18.customs_declaration
  Scenario: On 2 March 2026, dysprosium oxide for a civilian Japanese magnet maker requires a licence that ensures civilian use
    Given a transfer of dysprosium oxide from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include Export Control Law Article 12(2)
    And the grounds do not include Announcement 2026 No. 1 clause 1
    And the licence conditions include a civilian-use assurance
    And the licence conditions include end-user and end-use certificates
    And the licence conditions include an end-use undertaking
    And the licence conditions include the control code on the customs declaration
    And the licence conditions do not include a risk-assessment report

  @ann2026_1.civilian_use_assurance @ann2026_1.japan_nexus.destination @outcome.license_required.listed
  Scenario: On 2 March 2026, dysprosium oxide for a civilian German magnet maker requires a licence without the Japan conditions
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the end use is civilian
    When the transfer is assessed
    Then the transfer requires a licence
    And the grounds include Export Control Law Article 12(2)
    And the grounds do not include Announcement 2026 No. 1
    And the licence conditions do not include a civilian-use assurance
    And the licence conditions include end-user and end-use certificates
