import Testing

@testable import SQLBuilder

/// Functions are known by name and argument types: overloads are created, granted and migrated
/// as different functions, a call in named notation must match exactly one of them, and one
/// argument list is created once.
@Suite struct OverloadTests {
  struct ByID: FunctionParameters { let key = Parameter<PG.UUID>("p_key") }
  struct ByName: FunctionParameters { let key = Parameter<PG.Text>("p_key") }
  struct OneNumber: FunctionParameters { let a = Parameter<PG.Integer>("p_a") }
  struct TwoNumbers: FunctionParameters {
    let a = Parameter<PG.Integer>("p_a")
    let b = Parameter<PG.Integer>("p_b", default: .constant(0))
  }

  struct Labels: Relation {
    static let qualifiedName = QualifiedName("shop", "customer_labels")
    let byID = Column<PG.Text, Nullable>("by_id")
    let byName = Column<PG.Text, Nullable>("by_name")
  }

  struct Bumped: Relation {
    static let qualifiedName = QualifiedName("shop", "bumped")
    let value = Column<PG.Integer, Nullable>("value")
  }

  static let labelByID = Function("shop", "customer_label", parameters: ByID.self)
  static let labelByName = Function("shop", "customer_label", parameters: ByName.self)
  static let bumpOne = Function("shop", "bump", parameters: OneNumber.self)
  static let bumpTwo = Function("shop", "bump", parameters: TwoNumbers.self)

  static let labels: [any SQLStatement] = [
    CreateFunction(
      labelByID, returns: PG.Text.self,
      sql: { args in
        SQLExpression<PG.Text, NotNull>.text("id ") ++ args.key.cast(to: PG.Text.self)
      }),
    CreateFunction(
      labelByName, returns: PG.Text.self,
      sql: { args in
        SQLExpression<PG.Text, NotNull>.text("name ") ++ args.key
      }),
    Grant(.execute, on: .function(labelByID), to: .authenticated),
    CreateView(Labels.self) {
      Select(Labels.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.where(c.name == "Ada")
        out.byID(labelByID.call(returning: PG.Text.self) { $0.key(c.id) })
        out.byName(labelByName.call(returning: PG.Text.self) { $0.key(c.name) })
      }
    },
  ]

  @Test func overloadsAreDifferentFunctionsAndEachCallFindsItsOwn() throws {
    let plan = try MigrationPlan(
      from: nil, to: [SQLScript("labels.sql", header: []) { Self.labels }])
    #expect(
      plan.changes == [
        "create function shop.customer_label(uuid)", "create function shop.customer_label(text)",
        "create relation shop.customer_labels",
      ])
    let output = try ShopDatabase.shared.get().run(
      (plan.sql ?? "")
        + """
        SELECT by_id LIKE 'id %' AND by_name = 'name Ada' FROM shop.customer_labels;
        SELECT has_function_privilege('authenticated', 'shop.customer_label(uuid)', 'EXECUTE'),
               has_function_privilege('authenticated', 'shop.customer_label(text)', 'EXECUTE');
        """)
    #expect(output == "t\nt|t\n")
    // Dropping one overload drops that one only.
    var state = SchemaState()
    state.objects = plan.objects
    let second = try MigrationPlan(
      from: state,
      to: [
        SQLScript("labels.sql", header: []) {
          CreateFunction(
            Self.labelByName, returns: PG.Text.self,
            sql: { args in
              SQLExpression<PG.Text, NotNull>.text("name ") ++ args.key
            })
        }
      ])
    #expect(
      second.changes == [
        "drop function shop.customer_label(uuid)", "drop relation shop.customer_labels",
      ])
  }

  /// `bump(p_a => 1)` matches both `bump(integer)` and `bump(integer, integer DEFAULT 0)`.
  static let ambiguous: [any SQLStatement] = [
    CreateFunction(bumpOne, returns: PG.Integer.self, sql: { args in args.a + 1 }),
    CreateFunction(bumpTwo, returns: PG.Integer.self, sql: { args in args.a + args.b }),
    CreateView(Bumped.self) {
      Select(Bumped.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        out.value(bumpOne.call(returning: PG.Integer.self) { $0.a(p.quantity) })
      }
    },
  ]

  @Test func aCallTwoOverloadsMatchIsAGenerationErrorAsPostgreSQLRefusesIt() throws {
    let found = validate([SQLScript("bump.sql", header: []) { Self.ambiguous }])
    #expect(
      found.compactMap { $0.finding as? OverloadRules.Finding } == [
        .ambiguousCall([
          FunctionSignature(name: Self.bumpOne.name, argumentTypes: ["integer"]),
          FunctionSignature(name: Self.bumpOne.name, argumentTypes: ["integer", "integer"]),
        ])
      ])
    #expect(
      found.map(\.description) == [
        "view shop.bumped: the call matches shop.bump(integer) and shop.bump(integer, integer), which PostgreSQL refuses as not unique; pass an argument only one of them takes, or give one of them another name"
      ])
    // Passing p_b picks the two-argument one: no error.
    let unique = validate([
      SQLScript("bump.sql", header: []) {
        Self.ambiguous.dropLast()
        CreateView(Bumped.self) {
          Select(Bumped.self) { q, out in
            let p = q.from(Purchases.self, as: "p")
            out.value(
              Self.bumpTwo.call(returning: PG.Integer.self) {
                $0.a(p.quantity)
                $0.b(2)
              })
          }
        }
      }
    ])
    #expect(unique.isEmpty)
    // PostgreSQL refuses the SQL the rule stops.
    var writer = SQLWriter()
    writer.statements(Self.ambiguous)
    let result = try ShopDatabase.shared.get().cluster.psqlResult(
      "BEGIN;\n\(writer.text)\nROLLBACK;\n")
    #expect(result.error.contains("function shop.bump(p_a => integer) is not unique"))
  }

  @Test func oneArgumentListCreatedTwiceIsAGenerationError() {
    let found = validate([
      SQLScript("bump.sql", header: []) {
        CreateFunction(Self.bumpOne, returns: PG.Integer.self, sql: { args in args.a + 1 })
        CreateFunction(Self.bumpOne, returns: PG.Integer.self, sql: { args in args.a + 2 })
      }
    ])
    #expect(
      found.map(\.description) == [
        "function shop.bump(integer): is created twice with these argument types; the second CREATE OR REPLACE replaces the first"
      ])
  }
}
