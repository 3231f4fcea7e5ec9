Feature: Unknown end users and end uses: the answer names the facts that decide it
  A fact that is not given is unknown, never "no". When unknown facts could change the outcome,
  the answer is undetermined and asks about them, most decisive first (scope.md).

  @ann2026_1.c1.military_user @ann2026_1.c1.military_use @ann2026_1.c1.military_strength
  Scenario: On 2 March 2026, dysprosium oxide for an unknown end user is undetermined
    Given a transfer of dysprosium oxide from China to Sakura Trading, a Japanese trading house in Japan on 2 March 2026
    And the end user is not known
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be prohibited
    And the outcome could still be licence required
    And the outcome could not be out of scope
    And a question is asked about the end user

  @ann2026_1.c1.military_use @ann2026_1.c1.military_strength
  Scenario: On 2 March 2026, dysprosium oxide for Kansai Ceramics with an unknown end use is undetermined
    Given a transfer of dysprosium oxide from China to Kansai Ceramics, a Japanese company in Japan on 2 March 2026
    And the end use is not known
    When the transfer is assessed
    Then the transfer is undetermined
    And the outcome could still be prohibited
    And the outcome could still be licence required
    And the next question is about the end use
