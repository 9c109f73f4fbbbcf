import SQLBuilder
import Testing

/// Generation-time rules on functions, triggers, privileges, DML, policies, indexes and names,
/// each broken on purpose, with the message it gives.
@Suite struct StatementRuleTests {
  func problems(_ statement: any SQLStatement) -> [String] {
    do {
      _ = try generate([SQLScript("test.sql", header: []) { statement }])
      return []
    } catch {
      return error.diagnostics.map(\.message)
    }
  }

  static let window = Function("shop", "f", parameters: PurchaseWindow.self)

  @Test func returnQueryOfAnotherRelation() {
    let found = problems(
      CreateFunction(Self.window, returns: .setOf(Customers.self)) { _ in
        ReturnQuery(
          Select(RegionNames.self) { q, out in out.region(q.from(Customers.self).region) })
      })
    #expect(
      found == [
        "RETURN QUERY returns rows of region_names, but the function returns SETOF shop.customers"
      ])
  }

  @Test func returnsThatDisagreeWithTheDeclaredResult() {
    #expect(
      problems(CreateFunction(Self.window, returns: .void) { args in Return(args.from) })
        == ["RETURN with a value in a function that returns void"])
    #expect(
      problems(
        CreateFunction(Self.window, returns: .scalar(PG.Date.self)) { args in Return(args.from) })
        == ["RETURN gives a timestamp with time zone, but the function returns date"])
    #expect(
      problems(CreateFunction(Self.window, returns: .scalar(PG.Date.self)) { _ in Return() })
        == ["RETURN without a value in a function that returns date"])
  }

  @Test func aVariableThatIsNotDeclared() {
    let stray = Variable<PG.BigInt>("v_stray")
    #expect(
      problems(
        CreateFunction(Self.window, returns: .void) { _ in GetDiagnostics(stray, .rowCount) })
        == ["v_stray is neither a parameter nor a declared variable"])
  }

  @Test func undeclaredVariablesAreFoundInQueriesOfTheBody() {
    let stray = Variable<PG.Integer>("v_stray")
    let message = ["v_stray is neither a parameter nor a declared variable"]
    let inUpdate = CreateFunction(Self.window, returns: .void) { _ in
      Update(Purchases.self, as: "p") { q, p, set in set.quantity(stray.value.assumingNotNull) }
    }
    #expect(problems(inUpdate) == message)
    let inReturnQuery = CreateFunction(Self.window, returns: .setOf(Purchases.self)) { _ in
      ReturnQuery(
        Select(Purchases.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          let inner = Select(RegionNames.self) { q, out in
            q.where(stray.value > 0)
            out.region(q.from(Customers.self, as: "c").region)
          }
          q.where(exists(inner))
          out.columns(of: p)
        })
    }
    #expect(problems(inReturnQuery) == message)
  }

  @Test func parametersWithDefaultsComeLast() {
    struct Backwards: FunctionParameters {
      let first = Parameter<PG.Integer>("p_first", default: 1)
      let second = Parameter<PG.Integer>("p_second")
      let again = Parameter<PG.Integer>("p_first")
    }
    let found = problems(
      CreateFunction(Function("shop", "f", parameters: Backwards.self), returns: .void) { _ in
        Return()
      })
    #expect(
      found == [
        "parameter p_second has no default but follows one that has; PostgreSQL requires defaults last",
        "parameter p_first is declared twice",
        "parameter p_first has no default but follows one that has; PostgreSQL requires defaults last",
      ])
  }

  @Test func raisePlaceholdersMatchTheValues() {
    let found = problems(
      CreateFunction(Self.window, returns: .void) { args in
        Raise(.notice, "from % to % (100%% sure)", args.from)
      })
    #expect(found == ["RAISE message has 2 % placeholders but 1 values: from % to % (100%% sure)"])
  }

  @Test func triggerRules() {
    let f = Function("shop", "t")
    #expect(
      problems(
        CreateTrigger("t", .after, [.truncate], on: Purchases.self, forEach: .row, execute: f))
        == ["TRUNCATE triggers fire FOR EACH STATEMENT only"])
    #expect(
      problems(
        CreateTrigger(
          "t", .before, [.delete], on: Purchases.self, forEach: .statement,
          referencing: [.newTable(as: "n")], execute: f))
        == ["transition tables need an AFTER trigger", "NEW TABLE needs an INSERT or UPDATE event"])
  }

  @Test func privilegesMustFitTheObject() {
    #expect(
      problems(Grant(.execute, .usage, on: .table(Purchases.self), to: .anon))
        == [
          "privilege EXECUTE does not apply to a table or view",
          "privilege USAGE does not apply to a table or view",
        ])
    #expect(
      problems(Revoke(.select, on: .function(Self.window), from: .anon))
        == ["privilege SELECT does not apply to a function"])
  }

  @Test func insertRules() {
    #expect(
      problems(Insert(into: Purchases.self) { row in row.status("open") })
        == [
          "column \"quantity\" is NOT NULL and has no default, but the INSERT does not set it",
          "column \"unit_price\" is NOT NULL and has no default, but the INSERT does not set it",
        ])
    let ragged = Insert(into: Customers.self) { row in row.name("a") }
      .values { row in
        row.name("b")
        row.region("EU")
      }
    #expect(problems(ragged) == ["row 2 sets (name, region), the first row (name)"])
    let mistyped = Insert(
      into: Purchases.self,
      Select(MistypedPurchases.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        out.quantity(p.quantity.cast(to: PG.BigInt.self))
        out.unitPrice(p.unitPrice)
        out.note("x")
      })
    #expect(
      problems(mistyped) == [
        "column \"quantity\" is bigint in mistyped_purchases but integer in shop.purchases",
        "mistyped_purchases has column \"note\", which shop.purchases lacks",
      ])
  }

  /// A CTE's columns must be the modified table's, of the same type, NOT NULL only where the
  /// table's are; later entries and the statement may read it, nothing before it.
  @Test func dataModifyingCommonTableRules() {
    struct Taken: CommonTable {
      static let qualifiedName = QualifiedName("taken")
      let customerID = Column<PG.UUID, NotNull>("customer_id")
      let quantity = Column<PG.BigInt, NotNull>("quantity")
      let coupon = Column<PG.Text, Nullable>("coupon")
    }
    struct Notes: Relation {
      static let qualifiedName = QualifiedName("notes")
      let note = Column<PG.Text, Nullable>("note")
    }
    let found = problems(
      with {
        Delete(from: Purchases.self, as: "p") { _, _ in }.returning(as: Taken.self)
      } insert: {
        Insert(
          into: Scratch.self,
          Select(Notes.self) { q, out in out.note(q.from(Taken.self, as: "t").coupon) })
      })
    #expect(
      found == [
        "column \"customer_id\" is NOT NULL in CTE taken but may be NULL in shop.purchases",
        "column \"quantity\" is bigint in CTE taken but integer in shop.purchases",
        "CTE taken returns \"coupon\", which shop.purchases lacks",
      ])
    let unread = problems(
      Insert(
        into: Scratch.self,
        Select(Notes.self) { q, out in out.note(q.from(Taken.self, as: "t").coupon) }))
    #expect(unread == ["reads CTE taken, which no WITH defines before this query"])
  }

  @Test func exceptionBlocksAndLocksNeedSomethingToDo() {
    let f = Function("shop", "f")
    #expect(
      problems(
        CreateFunction(f, returns: .void) { _ in
          ExceptionBlock(catching: SQLState("2201")) {
          } handler: {
          }
          ExceptionBlock {
            LockTable(mode: .exclusive)
          } handler: {
          }
        })
        == [
          "an exception block has no statements to run",
          "SQLSTATE '2201' is not five digits or capital letters",
          "an exception block catches no condition",
          "LOCK TABLE names no table",
        ])
  }

  @Test func updateMustSetAColumn() {
    #expect(
      problems(Update(Purchases.self) { q, p, _ in q.where(p.quantity > 1) })
        == ["UPDATE sets no column"])
  }

  @Test func policyRules() {
    let found = problems(
      CreatePolicy(
        "p", on: Purchases.self, for: .select, to: .authenticated, withCheck: { $0.quantity > 0 }))
    #expect(found == ["a SELECT policy has no WITH CHECK"])
  }

  @Test func indexAndConstraintExpressions() {
    #expect(
      problems(index("i", on: Purchases.self, \.quantity).descending(\.status))
        == ["status is marked DESC but is not a key column"])
    let table = CreateTable(Purchases.self) { t in
      t.check("c") { $0.quantity > 0 && count() > .constant(0) }
    }
    #expect(problems(table) == ["aggregate COUNT(*) is not allowed in CHECK c"])
  }

  @Test func windowFunctionsOnlyInTheSelectListAndOrderBy() {
    let view = CreateView(RegionNames.self) {
      Select(RegionNames.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.where(rowNumber().over() > .constant(1))
        out.region(c.region)
      }
    }
    #expect(problems(view) == ["window function row_number() OVER () is not allowed in WHERE"])
  }

  @Test func namesAreNeverEmptyAndNeverTooLong() {
    #expect(problems(CreateSchema("")) == ["an identifier is empty; PostgreSQL has no empty names"])
    let long = String(repeating: "n", count: 64)
    #expect(
      problems(CommentOn.table(LongName.self, "x"))
        == ["identifier \"\(long)\" is 64 bytes; PostgreSQL truncates identifiers to 63 bytes"])
    #expect(
      problems(
        CreateFunction(Function("shop", "f"), returns: .void) { _ in
          Perform(regclass(LongName.self).oid)
        }
      ).count == 1)
  }

  @Test func onlyALateralSubqueryReadsTheSourcesBeforeIt() {
    func view(lateral: Bool) -> CreateView<RegionNames> {
      CreateView(RegionNames.self) {
        Select(RegionNames.self) { q, out in
          let c = q.from(Customers.self, as: "c")
          let inner = Select(RegionNames.self) { q, out in
            let p = q.from(Purchases.self, as: "p")
            q.where(p.customerID == c.id)
            out.region(p.status.nullable)
          }
          let r = lateral ? q.joinLateral(as: "r") { inner } : q.join(inner, as: "r") { _ in true }
          out.region(r.region)
        }
      }
    }
    #expect(
      problems(view(lateral: false)) == [
        "WHERE reads c.id, but c is not a source of this query at that point"
      ])
    #expect(problems(view(lateral: true)) == [])
  }

  @Test func passThroughColumnsMustFit() {
    let view = CreateView(RegionNames.self) {
      Select(RegionNames.self) { q, out in
        out.columns(of: q.from(AwkwardNames.self, as: "a"))
      }
    }
    #expect(problems(view) == ["output column \"region\" is not set"])
    let mistyped = CreateView(Purchases.self) {
      Select(Purchases.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        out.columns(of: q.leftJoin(Purchases.self, as: "o") { $0.id == p.id })
        out.columns(of: p)
      }
    }
    #expect(
      problems(mistyped).contains(
        "output column \"id\" is NOT NULL, but o.id may be NULL"))
  }

  @Test func aDeclaredTypeOrFunctionCannotSmuggleSQL() throws {
    enum Smuggled: SQLType { static let sqlName = "integer); DROP TABLE shop.customers; --" }
    struct Evil: Relation {
      static let qualifiedName = QualifiedName("shop", "evil")
      let value = Column<Smuggled, Nullable>("value")
    }
    #expect(
      problems(CreateTable(Evil.self)) == [
        "\"integer); DROP TABLE shop.customers; --\" is not a type name PostgreSQL reads as one"
      ])
    // A function's name is an identifier: quoted, never spliced in.
    let odd = SQLFunction<PG.Integer>("now(); DROP TABLE x; --")
    let sql = try render(
      CreateFunction(Function("shop", "f"), returns: PG.Integer.self) { _ in odd() })
    #expect(sql.contains(#"SELECT "now(); DROP TABLE x; --"();"#))
    #expect(TypeNameRules.isTypeName("timestamp with time zone"))
    #expect(TypeNameRules.isTypeName("extensions.citext[]"))
    #expect(TypeNameRules.isTypeName("numeric(12,2)"))
  }

  @Test func sqlStatesAreFiveCharacters() {
    let found = problems(
      CreateFunction(Self.window, returns: .void) { _ in
        Raise.exception("bad", code: SQLState("2202"))
      })
    #expect(found == ["SQLSTATE '2202' is not five digits or capital letters"])
  }

  @Test func callsPassEveryRequiredParameterAndAgreeWithTheDefinition() throws {
    let spend = Function("shop", "spend_of", parameters: OneCustomer.self)
    let select = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(spend.call(returning: PG.Integer.self).isNotNull)
      out.region(c.region)
    }
    #expect(
      problems(select) == [
        "the call of shop.spend_of leaves out p_customer_id, which has no default"
      ])
    let script = SQLScript("x.sql", header: []) {
      CreateFunction(spend, returns: PG.Numeric.self) { _ in .constant(1) }
      Select(RegionNames.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.where(spend.call(returning: PG.Integer.self) { $0.customerID(c.id) } > 0)
        out.region(c.region)
      }
    }
    #expect(throws: SQLGenerationError.self) { try generate([script]) }
    do {
      _ = try generate([script])
    } catch {
      #expect(
        error.diagnostics.map(\.message) == [
          "calls shop.spend_of as returning integer, but it is created returning numeric"
        ])
    }
  }

  @Test func commentsCannotBreakOutOfTheirLines() throws {
    let sql = try render(Comment("one\rDROP TABLE x;\r\ntwo\nthree */ four"))
    #expect(sql == "-- one\n-- DROP TABLE x;\n-- two\n-- three */ four\n")
    let file = try generate([SQLScript("x.sql", header: ["a\rb"]) { Comment("c") }])
    #expect(file.first?.text == "-- a\n-- b\n\n-- c\n")
  }

  @Test func triggerRecordsExistOnlyInTriggerFunctions() {
    let view = CreateView(RegionNames.self) {
      Select(RegionNames.self) { q, out in
        _ = q.from(Customers.self, as: "c")
        out.region(newRow(Customers.self).region)
      }
    }
    #expect(problems(view) == ["output \"region\" reads new.region outside a trigger function"])
    #expect(
      problems(CreateFunction(Function("shop", "f"), returns: .void) { _ in Return.new })
        == [
          "new is neither a parameter nor a declared variable",
          "RETURN with a value in a function that returns void",
        ])
  }

  @Test func securityDefinerFixesItsSearchPath() {
    #expect(
      problems(CreateFunction(Function("shop", "f"), returns: .void, security: .definer) { _ in })
        == [
          "a SECURITY DEFINER function must fix its search_path (settings: [.emptySearchPath]), or a caller's objects can stand in for the ones it reads"
        ])
    #expect(
      problems(
        CreateFunction(
          Function("shop", "f"), returns: .void, security: .definer, settings: [.emptySearchPath]
        ) { _ in }) == [])
  }

  @Test func limitsAndDistinctOrdering() {
    let view = CreateView(RegionNames.self) {
      Select(RegionNames.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.orderBy(c.name)
        q.limit(-1)
        out.distinct()
        out.region(c.region)
      }
    }
    #expect(
      problems(view) == [
        "LIMIT -1 is negative",
        "ORDER BY c.name must be in the select list of a SELECT DISTINCT",
      ])
  }

  @Test func onConflictNamesAUniqueKeyOfATableTheScriptsCreate() throws {
    func script(_ key: PartialKeyPath<Customers>) -> SQLScript {
      SQLScript("x.sql", header: []) {
        CreateTable(Customers.self) { t in t.primaryKey(\.id) }
        uniqueIndex("customers_name_key", on: Customers.self, \.name)
        Insert(into: Customers.self) { row in row.name("Ada") }.onConflictDoNothing(key)
      }
    }
    #expect(validate([script(\.id)]) == [])
    #expect(validate([script(\.name)]) == [])
    #expect(
      validate([script(\.region)]).map(\.message) == [
        "ON CONFLICT (region) matches no primary key, unique constraint or unique index of shop.customers"
      ])
  }

  @Test func validationIsAPassThatReturnsItsFindings() {
    let script = SQLScript("x.sql", header: []) {
      CreateSchema("")
      CronSchedule("job", schedule: "bad", command: SelectFunction(Function("shop", "f")))
    }
    let found = validate([script]).map(\.description)
    #expect(
      found == [
        "x.sql: an identifier is empty; PostgreSQL has no empty names",
        "cron job job: invalid cron schedule 'bad': expected 5 fields, found 1",
      ])
    #expect(validate([SQLScript("ok.sql", header: []) { CreateSchema("shop") }]) == [])
  }

  @Test func renderingNeverDropsAProblem() {
    #expect(throws: SQLGenerationError.self) { try render(CreateSchema("")) }
    let broken = Select(RegionNames.self) { q, out in _ = q.from(Customers.self) }
    #expect(throws: SQLGenerationError.self) { try render(broken) }
  }
}

struct MistypedPurchases: Relation {
  static let qualifiedName = QualifiedName("mistyped_purchases")
  let quantity = Column<PG.BigInt, NotNull>("quantity")
  let unitPrice = Column<PG.Numeric, NotNull>("unit_price")
  let note = Column<PG.Text, NotNull>("note")
}

struct LongName: Relation {
  static let qualifiedName = QualifiedName("shop", String(repeating: "n", count: 64))
  let id = Column<PG.UUID, NotNull>("id")
}
