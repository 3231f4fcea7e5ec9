Feature: Other violations: licences, inspections, reporting, evasion, commitments, foreign verifications (ECL Arts. 33, 35, 38; Regs Arts. 40-43)
  Besides the export itself, the penalty articles punish what a party did around it: exporting
  without the required export-operating qualification (ECL Art. 33), obtaining a licence by fraud
  or bribery or transferring it illegally (ECL Art. 35(1)), forging, altering, buying or selling a
  licence (ECL Art. 35(2)), refusing or obstructing inspection (ECL Art. 38), failing a reporting
  duty (Regs Art. 40(1) for exporters, serious cases; Regs Art. 40(2) for service providers),
  instigating or helping an evasion (Regs Art. 41, on illegal gains), a domestic importer or end
  user breaching a commitment made to MOFCOM (Regs Art. 42), and accepting a foreign government's
  verification without approval (Regs Art. 43). The transfer states this conduct in its field
  `conduct`; conduct that is not stated is not assumed, and no one is liable on these bases.
  以上 includes the threshold (sources.md, drafting convention). Amounts are from sources.md
  sections 2 and 3.

  @ecl_art33.qualification_missing @ecl_art35_1.licence_fraud @ecl_art35_2.licence_forgery
  @ecl_art38.obstruction @regs_art40_1.reporting_failure_serious
  @regs_art40_2.provider_reporting_failure @regs_art40_2.provider_reporting_failure.serious
  @regs_art41.evasion_help @regs_art42.commitment_breach @regs_art43.foreign_verification
  @regs_art43.foreign_verification.serious
  Scenario: On 2 March 2026, a licensed civilian export with no conduct stated makes no one liable, whatever the turnover
    Turnover alone makes no one liable: ECL Arts. 33, 35 and 38 and Regs Arts. 40 to 43 need the
    conduct they punish, and conduct that is not stated is not assumed.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's illegal turnover is 800,000 yuan
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder did not know of the violation
    And the freight forwarder's illegal turnover is 200,000 yuan
    When the transfer is assessed
    Then the transfer requires a licence
    And no one is liable

  @regs_art40_2.provider_reporting_failure @regs_art40_2.provider_reporting_failure.serious
  @regs_art41.evasion_help @ecl_art34.unlicensed_export @ecl_art36.service_provider
  Scenario: On 2 March 2026, a freight forwarder that ships an unlicensed export unknowingly is not liable when no failure to report is stated
    The exporter breaks the law, so the forwarder may have had something to report (Regs Art. 36),
    but no failure to report and no help to evade is stated: Regs Arts. 40(2) and 41 do not apply,
    and ECL Art. 36 needs knowledge.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the exporter's illegal turnover is 800,000 yuan
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder did not know of the violation
    And the freight forwarder's illegal turnover is 200,000 yuan
    When the transfer is assessed
    Then the exporter is liable for an unlicensed export
    And the exporter faces a fine between 4,000,000 and 8,000,000 yuan under Export Control Law Article 34
    And the freight forwarder is not liable


  @ecl_art33.qualification_missing @ecl_art33.fine.multiple @ecl_art33.fine.fixed
  @ecl_art33.sanctions @ecl_art39.sanctions
  Scenario Outline: On 2 March 2026, an exporter without the required export-operating qualification and an illegal turnover of <turnover> yuan faces a fine of <low> to <high> yuan
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: exported without the required export-operating qualification
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the transfer requires a licence
    And the exporter is liable for exporting without the required export-operating qualification
    And the exporter faces a fine between <low> and <high> yuan under Export Control Law Article 33
    And the sanctions against the exporter include a warning
    And the sanctions against the exporter include an order to stop
    And the sanctions against the exporter include confiscation of illegal gains
    And the sanctions against the exporter include a 5-year licence refusal

    Examples: below, at and above the 500,000 yuan threshold (5 to 10 times; else 500,000 to 5,000,000)
      | turnover | low       | high      |
      | 499,999  | 500,000   | 5,000,000 |
      | 500,000  | 2,500,000 | 5,000,000 |
      | 800,000  | 4,000,000 | 8,000,000 |

  @ecl_art33.qualification_missing
  Scenario: On 2 March 2026, a consignee stated to have exported without a qualification is not liable under ECL Art. 33
    Art. 33 punishes the exporter (出口经营者) only.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the consignee's conduct: exported without the required export-operating qualification
    When the transfer is assessed
    Then no one is liable

  @ecl_art35_1.licence_fraud @ecl_art35_1.fine.multiple @ecl_art35_1.fine.fixed
  @ecl_art35_1.sanctions
  Scenario Outline: On 2 March 2026, an exporter that obtained its licence by bribery with an illegal turnover of <turnover> yuan faces a fine of <low> to <high> yuan
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: obtained a licence by fraud or bribery, or transferred one illegally
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the exporter is liable for obtaining a licence by fraud or bribery, or transferring one illegally
    And the exporter faces a fine between <low> and <high> yuan under Export Control Law Article 35(1)
    And the sanctions against the exporter include revocation of the licence
    And the sanctions against the exporter include confiscation of illegal gains

    Examples: below, at and above the 200,000 yuan threshold (5 to 10 times; else 200,000 to 2,000,000)
      | turnover | low       | high      |
      | 199,999  | 200,000   | 2,000,000 |
      | 200,000  | 1,000,000 | 2,000,000 |
      | 300,000  | 1,500,000 | 3,000,000 |

  @ecl_art35_2.licence_forgery @ecl_art35_2.fine.multiple @ecl_art35_2.fine.fixed
  @ecl_art35_2.sanctions
  Scenario Outline: On 2 March 2026, a freight forwarder that forged a licence with an illegal turnover of <turnover> yuan faces a fine of <low> to <high> yuan
    ECL Art. 35 does not name the exporter: whoever forges, alters, buys or sells a licence is fined.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder's conduct: forged, altered, bought or sold a licence
    And the freight forwarder's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the freight forwarder is liable for forging, altering, buying or selling a licence
    And the freight forwarder faces a fine between <low> and <high> yuan under Export Control Law Article 35(2)
    And the sanctions against the freight forwarder include confiscation of illegal gains
    And the exporter is not liable

    Examples: below, at and above the 50,000 yuan threshold (5 to 10 times; else 50,000 to 500,000)
      | turnover | low     | high    |
      | 49,999   | 50,000  | 500,000 |
      | 50,000   | 250,000 | 500,000 |
      | 80,000   | 400,000 | 800,000 |

  @ecl_art38.obstruction @ecl_art38.fine @ecl_art38.sanctions
  Scenario Outline: On 2 March 2026, an exporter that obstructs an inspection faces a fine of 100,000 to 300,000 yuan, whatever its turnover (<turnover> yuan)
    Art. 38 sets a flat range: the turnover does not matter.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: refused or obstructed supervision and inspection
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the exporter is liable for refusing or obstructing supervision and inspection
    And the exporter faces a fine between 100,000 and 300,000 yuan under Export Control Law Article 38
    And the sanctions against the exporter include a warning
    And the sanctions against the exporter include suspension or revocation if serious

    Examples: no turnover and a large one
      | turnover  |
      | 0         |
      | 5,000,000 |

  @regs_art40_1.reporting_failure_serious @regs_art40_1.fine.multiple @regs_art40_1.fine.fixed
  @regs_art40_1.sanctions
  Scenario Outline: On 2 March 2026, an exporter that seriously failed a reporting duty with an illegal turnover of <turnover> yuan faces a fine of <low> to <high> yuan
    The cap of the fixed range is 3,000,000 yuan, not the 5,000,000 of ECL Art. 34.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: failed a reporting duty, in a serious case
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the exporter is liable for a serious failure to report
    And the exporter faces a fine between <low> and <high> yuan under Regulations Article 40(1)
    And the sanctions against the exporter include a warning

    Examples: below, at and above the 500,000 yuan threshold (5 to 10 times; else 500,000 to 3,000,000)
      | turnover | low       | high      |
      | 499,999  | 500,000   | 3,000,000 |
      | 500,000  | 2,500,000 | 5,000,000 |
      | 600,000  | 3,000,000 | 6,000,000 |

  @regs_art40_2.provider_reporting_failure @regs_art40_2.provider_reporting_failure.serious
  @regs_art40_2.serious @regs_art40_2.fine @regs_art40_2.fine.serious @regs_art40_2.sanctions
  Scenario Outline: On 2 March 2026, a freight forwarder that <failed> faces a fine of <low> to <high> yuan
    Regs Art. 40(2): up to 100,000 yuan; in a serious case 100,000 to 500,000 yuan. No threshold.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder did not know of the violation
    And the freight forwarder's conduct: <failed>
    When the transfer is assessed
    Then the freight forwarder is liable for failing to report a suspected violation
    And the freight forwarder faces a fine between <low> and <high> yuan under Regulations Article 40(2)
    And the sanctions against the freight forwarder include a warning

    Examples: an ordinary and a serious case
      | failed                                                     | low     | high    |
      | failed to report a suspected violation                     | 0       | 100,000 |
      | failed to report a suspected violation, in a serious case | 100,000 | 500,000 |

  @regs_art40_2.provider_reporting_failure
  Scenario: On 3 June 2024, before the Regulations, a freight forwarder that failed to report is not liable under Regs Art. 40(2)
    Given a transfer of gallium metal from China to Berlin Magnetwerk, a German company in Germany on 3 June 2024
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder's conduct: failed to report a suspected violation
    When the transfer is assessed
    Then no one is liable

  @regs_art41.evasion_help @regs_art41.fine.multiple @regs_art41.fine.fixed @regs_art41.sanctions
  Scenario Outline: On 2 March 2026, an exporter that helped its end user evade export controls with illegal gains of <gains> yuan faces a fine of <low> to <high> yuan
    Regs Art. 41 fines on illegal GAINS, not turnover: the turnover stated here plays no part.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: instigated or helped an evasion of export controls
    And the exporter's illegal turnover is 10,000,000 yuan
    And the exporter's illegal gains are <gains> yuan
    When the transfer is assessed
    Then the exporter is liable for instigating or helping an evasion
    And the exporter faces a fine between <low> and <high> yuan under Regulations Article 41
    And the sanctions against the exporter include an order to stop

    Examples: below, at and above the 100,000 yuan threshold (3 to 5 times the gains; else 100,000 to 500,000)
      | gains   | low     | high      |
      | 99,999  | 100,000 | 500,000   |
      | 100,000 | 300,000 | 500,000   |
      | 200,000 | 600,000 | 1,000,000 |

  @regs_art42.commitment_breach @regs_art42.fine.multiple @regs_art42.fine.fixed @regs_art42.sanctions
  Scenario Outline: On 2 March 2026, an exporter that breached its commitment to MOFCOM as a domestic importer, with an illegal turnover of <turnover> yuan, faces a fine of <low> to <high> yuan
    A PRC company imported items under a MOFCOM end-user statement (Regs Art. 37) and exports them
    in breach of its commitment. At the threshold the multiple tier (1,500,000 to 2,500,000) is
    below the cap of the fixed range (3,000,000): that is the text.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: breached a commitment made to MOFCOM
    And the exporter's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the exporter is liable for breaching a commitment made to MOFCOM
    And the exporter faces a fine between <low> and <high> yuan under Regulations Article 42
    And the sanctions against the exporter include a 5-year refusal of end-user statements

    Examples: below, at and above the 500,000 yuan threshold (3 to 5 times; else 300,000 to 3,000,000)
      | turnover  | low       | high      |
      | 499,999   | 300,000   | 3,000,000 |
      | 500,000   | 1,500,000 | 2,500,000 |
      | 1,000,000 | 3,000,000 | 5,000,000 |

  @regs_art43.foreign_verification @regs_art43.foreign_verification.serious @regs_art43.serious
  @regs_art43.fine @regs_art43.fine.serious @regs_art43.sanctions
  Scenario Outline: On 2 March 2026, an exporter that <accepted> faces a fine of <low> to <high> yuan
    Regs Art. 43: up to 500,000 yuan; in a serious case 500,000 to 3,000,000 yuan. No threshold.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the exporter's conduct: <accepted>
    When the transfer is assessed
    Then the exporter is liable for accepting a foreign verification without approval
    And the exporter faces a fine between <low> and <high> yuan under Regulations Article 43
    And the sanctions against the exporter include a warning

    Examples: an ordinary and a serious case
      | accepted                                                                          | low     | high      |
      | accepted a foreign government's verification without approval                    | 0       | 500,000   |
      | accepted a foreign government's verification without approval, in a serious case | 500,000 | 3,000,000 |
