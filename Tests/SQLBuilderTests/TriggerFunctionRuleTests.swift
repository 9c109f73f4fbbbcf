import Testing

@testable import SQLBuilder

/// What PostgreSQL accepts but never does as written: a trigger that assigns `NEW` where there
/// is none, a trigger on a function that is not a trigger function, a body that reads another
/// function's parameter. Each is a generation error with a typed finding.
@Suite struct TriggerFunctionRuleTests {
  static let normalize = Function("shop", "normalize_region")

  /// `new.region := upper(new.region); RETURN NEW;`
  static let normalizeRegion = CreateFunction(normalize, returns: .trigger) { _ in
    Assign(new: \Customers.region, upper(newRow(Customers.self).region))
    Return.new
  }

  func findings(@StatementBuilder _ statements: () -> [any SQLStatement]) -> [any SQLFinding] {
    do {
      _ = try generate([SQLScript("test.sql", header: [], statements)])
      return []
    } catch {
      return error.diagnostics.compactMap(\.finding)
    }
  }

  func triggerFindings(@StatementBuilder _ statements: () -> [any SQLStatement])
    -> [TriggerRules.Finding]
  {
    findings(statements).compactMap { $0 as? TriggerRules.Finding }
  }

  @Test func aRowTriggerOnInsertOrUpdateMayAssignNew() {
    #expect(
      triggerFindings {
        Self.normalizeRegion
        CreateTrigger(
          "customers_normalize", .before, [.insert, .update], on: Customers.self, forEach: .row,
          execute: Self.normalize)
      }.isEmpty)
  }

  @Test func assigningNewInAStatementTriggerIsAGenerationError() {
    #expect(
      triggerFindings {
        Self.normalizeRegion
        CreateTrigger(
          "customers_normalize", .before, [.insert], on: Customers.self, forEach: .statement,
          execute: Self.normalize)
      } == [.recordInStatementTrigger(record: "new", function: Self.normalize.name)])
  }

  @Test func newInADeleteTriggerAndOldInAnInsertTriggerAreGenerationErrors() {
    let auditOld = Function("shop", "audit_old")
    #expect(
      triggerFindings {
        Self.normalizeRegion
        CreateFunction(auditOld, returns: .trigger) { _ in
          Raise(.notice, "old region %", oldRow(Customers.self).region)
          Return.null
        }
        CreateTrigger(
          "customers_normalize", .before, [.delete], on: Customers.self, forEach: .row,
          execute: Self.normalize)
        CreateTrigger(
          "customers_audit", .after, [.insert], on: Customers.self, forEach: .row,
          execute: auditOld)
      } == [
        .recordNeverFilled(record: "new", function: Self.normalize.name, events: ["DELETE"]),
        .recordNeverFilled(record: "old", function: auditOld.name, events: ["INSERT"]),
      ])
  }

  @Test func aTriggerOnAFunctionThatDoesNotReturnTriggerIsAGenerationError() {
    let notATrigger = Function("shop", "not_a_trigger")
    #expect(
      triggerFindings {
        CreateFunction(notATrigger, returns: .void) { _ in Return() }
        CreateTrigger(
          "customers_changed", .after, [.insert], on: Customers.self, forEach: .statement,
          execute: notATrigger)
      } == [.functionDoesNotReturnTrigger(function: notATrigger.name, returns: "void")])
  }

  @Test func aBodyReadingAnotherFunctionsParameterIsAGenerationError() {
    struct OneCustomer: FunctionParameters {
      let customerID = Parameter<PG.UUID>("p_customer_id")
    }
    let first = Function("shop", "first_customer", parameters: OneCustomer.self)
    let second = Function("shop", "second_customer", parameters: OneCustomer.self)
    var leaked: SQLExpression<PG.UUID, Nullable>?
    let found = findings {
      CreateFunction(first, returns: PG.UUID.self) { args in
        leaked = args.customerID
        return args.customerID
      }
      CreateFunction(second, returns: PG.UUID.self) { _ in leaked! }
    }
    #expect(
      found.compactMap { $0 as? FunctionRules.Finding } == [
        .parameterOfAnotherFunction(name: "p_customer_id", function: first.name)
      ])
  }

  @Test func returningWithNowhereToGoIsAGenerationError() throws {
    let rename = Function("shop", "rename_customers")
    let function = CreateFunction(rename, returns: .void) { _ in
      Update(Customers.self, as: "c") { q, c, set in
        set.name(upper(c.name))
      }
      .returning(\.id)
    }
    #expect(
      findings { function }.compactMap { $0 as? FunctionRules.Finding } == [
        .resultWithoutDestination(table: Customers.qualifiedName)
      ])
    // PostgreSQL creates such a function and fails only when it runs.
    var writer = SQLWriter()
    function.render(into: &writer)
    let result = try ShopDatabase.shared.get().cluster.psqlResult(
      "BEGIN;\n\(writer.text)\nSELECT shop.rename_customers();\nROLLBACK;\n")
    #expect(result.status != 0)
    #expect(result.error.contains("query has no destination for result data"))
  }
}
