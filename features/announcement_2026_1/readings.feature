Feature: Readings the answer rests on are shown as readings, dated, with the other reading
  sources.md section 1.4 marks as interpretation (M) that "所有两用物项" ("all dual-use items")
  bites only on licensable items, and names Jipyong's wider reading (unlisted items where the
  exporter knows or should know of a Japanese military end use). Announcement 2025 No. 61 (Regs
  Art. 49) applied from 2025-10-09 and was suspended from 2025-11-07 to 2026-11-10 (section 4.2);
  its status after that is not known. The military-user classification of MOD bodies other than
  the Ministry and the Self-Defense Forces is dualuse's own reading of the GT Law test (M).

  @outcome.not_controlled.narrow_reading @outcome.military_end_known.end_user @outcome.military_end_known.consignee
  Scenario: On 2 March 2026, an unlisted item for the Japan Maritime Self-Defense Force is not controlled on the narrow reading, and the answer names the other reading
    Given a transfer of steel fasteners from China to the Japan Maritime Self-Defense Force on 2 March 2026
    And the item is not on the control list
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds include rule outcome.not_controlled.narrow_reading
    And the summary says "on the narrow reading of 'all dual-use items'"
    And the answer warns about a reading
    And the answer warns that "The other reading (Jipyong)"
    And the answer warns that "ECL Art. 12(3)(1)"

  @outcome.not_controlled.narrow_reading @outcome.military_end_known.end_use
  Scenario: On 3 December 2026, an unlisted item for a military use in Japan is not controlled on the narrow reading, with the other reading and the catch-all hint
    Given a transfer of steel fasteners from China to Sakura Trading, a Japanese trading house in Japan on 3 December 2026
    And the item is not on the control list
    And the end use is military
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds include rule outcome.not_controlled.narrow_reading
    And the answer warns that "on that reading this transfer is prohibited"
    And the answer warns about the research horizon

  @outcome.not_controlled @outcome.not_controlled.narrow_reading
  Scenario: On 2 March 2026, an unlisted item for a civilian Japanese buyer is not controlled with no reading about military end uses
    Given a transfer of steel fasteners from China to Sakura Trading, a Japanese trading house in Japan on 2 March 2026
    And the item is not on the control list
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds do not include rule outcome.not_controlled.narrow_reading
    And the answer does not warn that "Jipyong"

  @outcome.not_controlled.re_export_abroad @ecl_art45.re_export_prc_origin
  Scenario: On 2 March 2026, a Singaporean company's re-export of PRC-origin dysprosium oxide to a Japanese carmaker for civilian use says why no PRC licence reaches it
    The item is on the control list; what happened is that the licence requirement reaches
    exports, and Announcement 2025 No. 61 was suspended on that date.
    Given a transfer of dysprosium oxide from Singapore to Kansai Motors, a Japanese company in Japan on 2 March 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds include rule outcome.not_controlled.re_export_abroad
    And the summary says "no PRC licence reaches this re-export abroad by a foreign party"
    And the summary says "is on the control list"
    And the answer warns that "suspended from 2025-11-07 to 2026-11-10"

  @outcome.not_controlled.re_export_abroad
  Scenario: On 3 December 2026, the same re-export says that the status of Announcement 2025 No. 61 is not known and asks about PRC-origin content
    Given a transfer of dysprosium oxide from Singapore to Kansai Motors, a Japanese company in Japan on 3 December 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Chinese origin
    And the end use is civilian
    When the transfer is assessed
    Then the transfer is not controlled
    And the grounds include rule outcome.not_controlled.re_export_abroad
    And the answer warns that "its status after that date is not known"
    And the answer warns that "what share of its value is it"
    And the answer warns that "MOFCOM & GACC Announcement 2025 No. 70 suspended"

  @ecl_art45.third_countries @outcome.out_of_scope.third_countries
  Scenario: On 3 December 2026, a Singaporean company's re-export of Australian-origin dysprosium oxide to a Korean buyer is out of scope on a dated reading of medium confidence
    Given a transfer of dysprosium oxide from Singapore to Busan Magnetics, a South Korean company in South Korea on 3 December 2026
    And the transfer is a re-export by Lion Metals, a Singaporean company
    And the item is of Australian origin
    When the transfer is assessed
    Then the transfer is out of scope
    And the answer shows rule ecl_art45.third_countries as a reading of medium confidence
    And the answer warns that "what share of its value is it"

  @ann2026_1.civilian_use_assurance
  Scenario: On 2 March 2026, the civilian-use condition on a licence for a Japanese buyer is shown as the spokespersons' policy, not statute
    Given a transfer of dysprosium oxide from China to Sakura Trading, a Japanese trading house in Japan on 2 March 2026
    And the end use is civilian
    And the exporter knows of no catch-all risk and has not been notified
    When the transfer is assessed
    Then the transfer requires a licence
    And the licence conditions include a civilian-use assurance
    And the licence condition civilian_use_assurance is shown as a reading by MOFCOM spokespersons

  @ann2026_1.c1.military_user
  Scenario Outline: On 2 March 2026, dysprosium oxide for <body> is prohibited, and the military-user classification <flag>
    Given a transfer of dysprosium oxide from China to <body> on 2 March 2026
    When the transfer is assessed
    Then the transfer is prohibited
    And the answer <warning> about a low-confidence source

    Examples: the Self-Defense Forces (GT Law's own words) and ATLA (dualuse's reading of them, M)
      | body                                            | flag                 | warning          |
      | the Japan Maritime Self-Defense Force           | is not flagged       | does not warn    |
      | the Acquisition, Technology & Logistics Agency  | is flagged as M      | warns            |
