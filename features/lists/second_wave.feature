Feature: The second wave of listings reported for 29 June 2026 (secondary sources only, low confidence)
  sources.md section 1.5 records a second wave (20 more entities on the control list, 20 on the
  watch list) from secondary sources only, "low confidence"; the notice number "2026 No. 28" is
  unconfirmed. The listing ground of Announcement 2026 No. 11 ("参与提升日本军事实力") is not
  reported for it, so a reported listing is not taken as evidence for the third prong of
  Announcement 2026 No. 1. The answer asks the user to verify the listing where it matters.

  @second_wave.control_listed.end_user @second_wave.control_list.export
  Scenario: On 3 December 2026, gallium metal for civilian use by Mitsubishi Precision is undetermined until the listing is verified
    Given a transfer of gallium metal from China to Mitsubishi Precision on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be prohibited
    And the outcome could still be licence required
    And the next question is about the listing reported for 29 June 2026

  @second_wave.control_listed.end_user @second_wave.control_list.export @second_wave.prohibited @second_wave.banned @second_wave.control_list_trading
  Scenario: On 3 December 2026, gallium metal for civilian use by Mitsubishi Precision is prohibited once the listing is verified, on the reported instrument and with low confidence
    Given a transfer of gallium metal from China to Mitsubishi Precision on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And the exporter is Huaxin Materials, a Chinese company
    And the exporter's illegal turnover is 800,000 yuan
    And the listing reported for 29 June 2026 has been verified
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include rule second_wave.prohibited
    And the grounds do not include Announcement 2026 No. 11
    And the grounds do not include Announcement 2026 No. 1
    And the grounds do not include rule ann2026_1.c1.military_strength.listed_user
    And the answer shows rule second_wave.prohibited as a reading of low confidence
    And the answer warns about a low-confidence source
    And the answer warns about a reading
    And the exporter is liable for trading with a control-listed party
    And the exporter faces a fine between 8,000,000 and 16,000,000 yuan under Export Control Law Article 37

  @second_wave.control_listed.end_user @second_wave.control_list.export
  Scenario: On 3 December 2026, gallium metal for civilian use by Mitsubishi Precision requires a licence when the listing could not be verified
    Given a transfer of gallium metal from China to Mitsubishi Precision on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And the listing reported for 29 June 2026 could not be verified
    When the transfer is assessed
    Then the transfer requires a licence
    And rule second_wave.control_list.export was considered and did not apply
    And the grounds include Export Control Law Article 12(2)

  @ann2026_1.c1.military_user @outcome.prohibited.military_user
  Scenario: On 3 December 2026, gallium metal for the National Institute for Defense Studies is prohibited as a military user whatever became of the reported listing
    NIDS is a Ministry of Defense research body; classing it as a military user is dualuse's own
    reading of the GT Law test (M), which the answer flags.
    Given a transfer of gallium metal from China to the National Institute for Defense Studies on 3 December 2026
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include Announcement 2026 No. 1 clause 1
    And the grounds do not include rule second_wave.prohibited
    And no question is asked about the listing reported for 29 June 2026
    And the answer warns about a low-confidence source
    And the answer warns that "not confirmed in any stored source"

  @second_wave.watch_listed.end_user @ann2026_12.risk_assessment_report
  Scenario: On 3 December 2026, gallium metal for civilian use by Terra Drone carries the watch-list conditions once the reported listing is verified
    Given a transfer of gallium metal from China to Terra Drone on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And the listing reported for 29 June 2026 has been verified
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions include a risk-assessment report

  @second_wave.watch_listed.end_user
  Scenario: On 3 December 2026, gallium metal for civilian use by Terra Drone carries no watch-list conditions while the reported listing is not verified
    Given a transfer of gallium metal from China to Terra Drone on 3 December 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    And the listing reported for 29 June 2026 could not be verified
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions do not include a risk-assessment report
