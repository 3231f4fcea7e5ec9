Feature: Service providers who knowingly help a violation (ECL Arts. 20 and 36; Regs Art. 36)
  No one may provide agency, freight-forwarding, delivery, customs-declaration, third-party
  e-commerce platform or financial services to an exporter committing a violation (ECL Art. 20).
  Whoever does so knowingly is warned, ordered to stop, has illegal gains confiscated and, if its
  illegal turnover is 100,000 yuan or more (以上: the threshold included), is fined 3 to 5 times the
  turnover, otherwise 100,000 to 500,000 yuan (ECL Art. 36; sources.md section 2).

  @ecl_art36.service_provider @ecl_art20.covered_service @regs_art36.covered_service
  @ecl_art36.fine.multiple @ecl_art36.fine.fixed @ecl_art36.sanctions
  Scenario Outline: On 2 March 2026, a freight forwarder that knowingly ships an unlicensed export with an illegal turnover of <turnover> yuan faces a fine of <low> to <high> yuan
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder knew of the violation
    And the freight forwarder's illegal turnover is <turnover> yuan
    When the transfer is assessed
    Then the freight forwarder is liable for knowingly serving a violating exporter
    And the freight forwarder faces a fine between <low> and <high> yuan under Export Control Law Article 36
    And the sanctions against the freight forwarder include a warning

    Examples: below, at and above the 100,000 yuan threshold
      | turnover | low     | high      |
      | 99,999   | 100,000 | 500,000   |
      | 100,000  | 300,000 | 500,000   |
      | 250,000  | 750,000 | 1,250,000 |

  @ecl_art36.service_provider
  Scenario: On 2 March 2026, a freight forwarder that did not know of the violation is not liable
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the freight forwarder is Swift Logistics, a Chinese company
    And the freight forwarder did not know of the violation
    When the transfer is assessed
    Then the exporter is liable for an unlicensed export
    And the freight forwarder is not liable

  @ecl_art36.service_provider
  Scenario: On 2 March 2026, a bank that knowingly finances a licensed export is not liable
    The exporter commits no violation, so there is no violation to serve.
    Given a transfer of dysprosium oxide from China to Berlin Magnetwerk, a German company in Germany on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds an export licence
    And the bank is Harbour Bank, a Chinese bank
    And the bank knew of the violation
    When the transfer is assessed
    Then no one is liable

  @ecl_art36.service_provider @ecl_art36.fine.multiple
  Scenario: On 2 March 2026, a customs broker that knowingly declares a prohibited export to the Japan Maritime Self-Defense Force faces a fine of 600,000 to 1,000,000 yuan
    Given a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force on 2 March 2026
    And the exporter is Huaxin Materials, a Chinese company
    And the customs broker is Pearl Customs Brokerage, a Chinese company
    And the customs broker knew of the violation
    And the customs broker's illegal turnover is 200,000 yuan
    When the transfer is assessed
    Then the transfer is prohibited
    And the customs broker is liable for knowingly serving a violating exporter
    And the customs broker faces a fine between 600,000 and 1,000,000 yuan under Export Control Law Article 36

  @ecl_art20.covered_service @regs_art36.covered_service
  Scenario: On 3 June 2024, before the Regulations, a courier that knowingly delivers an unlicensed export is liable under the Export Control Law
    Given a transfer of gallium metal from China to Berlin Magnetwerk, a German company in Germany on 3 June 2024
    And the exporter is Huaxin Materials, a Chinese company
    And the end use is civilian
    And the exporter holds no licence
    And the courier is Swift Express, a Chinese company
    And the courier knew of the violation
    When the transfer is assessed
    Then the courier is liable for knowingly serving a violating exporter
