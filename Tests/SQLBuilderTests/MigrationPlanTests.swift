import SQLBuilder
import Testing

/// Migrations planned from the state the earlier ones produced: only what changed, in
/// dependency order, applied one after another on PostgreSQL.
@Suite struct MigrationPlanTests {
  struct DailyPurchases: Relation {
    static let qualifiedName = QualifiedName("shop", "daily_purchases")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
    let purchases = Column<PG.BigInt, NotNull>("purchases")
  }

  struct BusyCustomers: Relation {
    static let qualifiedName = QualifiedName("shop", "busy_customers")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
  }

  static let total = Function("shop", "total_purchases")

  /// The definitions at three versions: `status` filters the daily view from v2 on, and the
  /// function's result type changes; v3 drops the view that reads it.
  static func script(version: Int) -> SQLScript {
    SQLScript("shop.sql", header: []) {
      CreateMaterializedView(DailyPurchases.self) {
        Select(DailyPurchases.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          if version >= 2 { q.where(p.status == "paid") }
          q.groupBy(p.customerID)
          out.customerID(p.customerID)
          out.purchases(count())
        }
      }
      uniqueIndex("daily_purchases_key", on: DailyPurchases.self, \.customerID)
      if version >= 4 {
        index("daily_purchases_busiest", on: DailyPurchases.self, \.purchases).descending(
          \.purchases)
        CommentOn.materializedView(DailyPurchases.self, "Purchases per customer.")
      }
      if version < 3 {
        CreateView(BusyCustomers.self) {
          Select(BusyCustomers.self) { q, out in
            let d = q.from(DailyPurchases.self, as: "d")
            q.where(d.purchases > .constant(1))
            out.customerID(d.customerID)
          }
        }
      }
      if version == 1 {
        CreateFunction(total, returns: PG.BigInt.self) { _ in
          scalar { q in
            _ = q.from(Purchases.self, as: "p")
            return count()
          }.assumingNotNull
        }
      } else {
        CreateFunction(total, returns: PG.Numeric.self) { _ in
          coalesce(scalar { q in sum(q.from(Purchases.self, as: "p").unitPrice) }, .constant(0))
        }
      }
      Grant(.execute, on: .function(total), to: .serviceRole)
    }
  }

  func plan(from state: SchemaState?, version: Int) throws -> (MigrationPlan, SchemaState) {
    let plan = try MigrationPlan(from: state, to: [Self.script(version: version)])
    var next = state ?? SchemaState()
    next.objects = plan.objects
    return (plan, next)
  }

  @Test func eachMigrationHoldsOnlyWhatChangedAndAppliesAfterTheOthers() throws {
    let (first, v1) = try plan(from: nil, version: 1)
    let (second, v2) = try plan(from: v1, version: 2)
    let (third, v3) = try plan(from: v2, version: 3)
    let (none, _) = try plan(from: v3, version: 3)
    let (fourth, _) = try plan(from: v3, version: 4)
    #expect(
      first.changes == [
        "create relation shop.daily_purchases", "create relation shop.busy_customers",
        "create function shop.total_purchases",
      ])
    #expect(
      second.changes == [
        "rebuild relation shop.daily_purchases",
        "recreate function shop.total_purchases, whose parameters or result changed",
        "rebuild relation shop.busy_customers, which reads relation shop.daily_purchases",
      ])
    #expect(third.changes == ["drop relation shop.busy_customers"])
    #expect(none.sql == nil && none.changes.isEmpty)
    // An index and a comment change on their own: the view is not rebuilt.
    #expect(
      fourth.changes == [
        "update index daily_purchases_busiest of relation shop.daily_purchases",
        "update comment of relation shop.daily_purchases",
      ])
    #expect(fourth.sql?.contains("DROP MATERIALIZED VIEW") == false)
    expectInline(
      second.sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue readers behind a view's lock.
      SET LOCAL lock_timeout = '5s';

      DROP VIEW IF EXISTS shop.busy_customers;

      DROP MATERIALIZED VIEW IF EXISTS shop.daily_purchases;

      DROP FUNCTION IF EXISTS shop.total_purchases();

      CREATE MATERIALIZED VIEW shop.daily_purchases AS
      SELECT
        p.customer_id,
        COUNT(*) AS purchases
      FROM shop.purchases p
      WHERE p.status = 'paid'
      GROUP BY p.customer_id;

      CREATE UNIQUE INDEX daily_purchases_key ON shop.daily_purchases (customer_id);

      CREATE VIEW shop.busy_customers AS
      SELECT
        d.customer_id
      FROM shop.daily_purchases d
      WHERE d.purchases > 1;

      CREATE OR REPLACE FUNCTION shop.total_purchases()
      RETURNS numeric
      AS $$
      SELECT COALESCE((SELECT SUM(p.unit_price) FROM shop.purchases p), 0);
      $$
      LANGUAGE sql;

      GRANT EXECUTE ON FUNCTION shop.total_purchases() TO service_role;
      """#, #_sourceLocation)
    let output = try ShopDatabase.shared.get().run(
      [first, second, third, fourth].compactMap(\.sql).joined(separator: "\n")
        + """
        SELECT count(*) FROM shop.daily_purchases;
        SELECT format_type(prorettype, NULL) FROM pg_proc WHERE proname = 'total_purchases';
        SELECT to_regclass('shop.busy_customers') IS NULL;
        SELECT obj_description('shop.daily_purchases'::regclass, 'pg_class');
        SELECT to_regclass('shop.daily_purchases_busiest') IS NOT NULL;
        """)
    #expect(output == "2\nnumeric\nt\nPurchases per customer.\nt\n")
  }

  struct PaidPerCustomer: Relation {
    static let qualifiedName = QualifiedName("shop", "paid_per_customer")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
    let paid = Column<PG.BigInt, NotNull>("paid")
  }

  struct RepeatPayers: Relation {
    static let qualifiedName = QualifiedName("shop", "repeat_payers")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
  }

  /// A materialized view over another: from v2 on, the reader keeps customers with more
  /// than `minimum` paid purchases.
  static func layered(minimum: Int64) -> SQLScript {
    SQLScript("layered.sql", header: []) {
      CreateMaterializedView(PaidPerCustomer.self) {
        Select(PaidPerCustomer.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.groupBy(p.customerID)
          out.customerID(p.customerID)
          out.paid(count())
        }
      }
      CreateMaterializedView(RepeatPayers.self) {
        Select(RepeatPayers.self) { q, out in
          let d = q.from(PaidPerCustomer.self, as: "d")
          q.where(d.paid > .constant(minimum))
          out.customerID(d.customerID)
        }
      }
    }
  }

  @Test func aRebuiltMaterializedViewIsComputedFromFreshMaterializedViews() throws {
    let first = try MigrationPlan(from: nil, to: [Self.layered(minimum: 0)])
    var state = SchemaState()
    state.objects = first.objects
    let second = try MigrationPlan(from: state, to: [Self.layered(minimum: 1)])
    #expect(
      second.changes == [
        "rebuild relation shop.repeat_payers",
        "refresh relation shop.paid_per_customer, which relation shop.repeat_payers reads",
      ])
    expectInline(
      second.sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue readers behind a view's lock.
      SET LOCAL lock_timeout = '5s';

      DROP MATERIALIZED VIEW IF EXISTS shop.repeat_payers;

      REFRESH MATERIALIZED VIEW shop.paid_per_customer;

      CREATE MATERIALIZED VIEW shop.repeat_payers AS
      SELECT
        d.customer_id
      FROM shop.paid_per_customer d
      WHERE d.paid > 1;
      """#, #_sourceLocation)
    // A purchase made between the migrations counts in the rebuilt view.
    let output = try ShopDatabase.shared.get().run(
      (first.sql ?? "")
        + """
        INSERT INTO shop.purchases (customer_id, quantity, unit_price)
          SELECT customer_id, 1, 1 FROM shop.purchases WHERE customer_id IS NOT NULL LIMIT 1;
        SELECT count(*) FROM (
          SELECT customer_id FROM shop.purchases GROUP BY customer_id HAVING count(*) > 1) x;
        """ + (second.sql ?? "")
        + "SELECT count(*) FROM shop.repeat_payers;\n")
    let counts = output.split(separator: "\n")
    #expect(counts.count == 2 && counts.first == counts.last && counts.first != "0")
  }

  static let capitalize = Function("shop", "capitalize_region")

  /// A row trigger and its function: v2 changes the function's body, v3 the trigger's events,
  /// v4 drops the trigger.
  static func triggered(version: Int) -> SQLScript {
    SQLScript("triggers.sql", header: []) {
      CreateFunction(capitalize, returns: .trigger) { _ in
        if version >= 2 {
          Assign(new: \Customers.region, upper(lower(newRow(Customers.self).region)))
        } else {
          Assign(new: \Customers.region, upper(newRow(Customers.self).region))
        }
        Return.new
      }
      if version < 4 {
        CreateTrigger(
          "customers_capitalize_region", .before, version >= 3 ? [.insert, .update] : [.insert],
          on: Customers.self, forEach: .row, execute: capitalize)
      }
    }
  }

  @Test func triggersAreReplacedInPlaceAndDroppedWhenNoLongerDefined() throws {
    var state = SchemaState()
    var plans: [MigrationPlan] = []
    for version in 1...4 {
      let plan = try MigrationPlan(
        from: version == 1 ? nil : state, to: [Self.triggered(version: version)])
      state.objects = plan.objects
      plans.append(plan)
    }
    let trigger = "trigger customers_capitalize_region on shop.customers"
    #expect(plans[0].changes == ["create function shop.capitalize_region", "create \(trigger)"])
    #expect(plans[1].changes == ["replace function shop.capitalize_region"])
    #expect(plans[2].changes == ["replace \(trigger)"])
    #expect(plans[3].changes == ["drop \(trigger)"])
    // A trigger locks its table against writers: each change gives up after 5 seconds.
    let timeout =
      "-- Fail within 5 seconds rather than queue writers behind a lock on their table.\nSET LOCAL lock_timeout = '5s';"
    #expect(plans[2].sql?.hasPrefix(timeout + "\n\n") == true, "\(plans[2].sql ?? "")")
    #expect(
      plans[3].sql
        == timeout + "\n\nDROP TRIGGER IF EXISTS customers_capitalize_region ON shop.customers;\n")
    let output = try ShopDatabase.shared.get().run(
      plans[0...2].compactMap(\.sql).joined(separator: "\n")
        + """
        INSERT INTO shop.customers (name, region) VALUES ('Cy', 'us');
        UPDATE shop.customers SET region = 'eu' WHERE name = 'Ada';
        SELECT region FROM shop.customers WHERE name IN ('Cy', 'Ada') ORDER BY name;
        """ + (plans[3].sql ?? "")
          + """
          INSERT INTO shop.customers (name, region) VALUES ('Di', 'fr');
          SELECT region FROM shop.customers WHERE name = 'Di';
          """)
    #expect(output == "EU\nUS\nfr\n")
  }

  struct Snapshot: Relation {
    static let qualifiedName = QualifiedName("shop", "snapshot")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
  }

  struct SnapshotMarker: Relation {
    static let qualifiedName = QualifiedName("shop", "snapshot_marker")
    let takenAt = Column<PG.TimestampTZ, NotNull>("taken_at", default: now())
  }

  /// A derived table, and one rebuilt with it: v2 adds an index-free change to the first.
  static func derived(version: Int) -> SQLScript {
    SQLScript("derived.sql", header: []) {
      CreateTable(Snapshot.self, ifNotExists: true, derived: true) { t in
        if version >= 2 { t.unique(\.customerID) }
      }
      CreateTable(
        SnapshotMarker.self, ifNotExists: true, derived: true, rebuiltWith: [Snapshot.self])
    }
  }

  @Test func aDerivedTableIsDroppedAndCreatedWithTheTablesRebuiltWithIt() throws {
    let first = try MigrationPlan(from: nil, to: [Self.derived(version: 1)])
    var state = SchemaState()
    state.objects = first.objects
    let second = try MigrationPlan(from: state, to: [Self.derived(version: 2)])
    #expect(
      second.changes == [
        "rebuild relation shop.snapshot",
        "rebuild relation shop.snapshot_marker, which reads relation shop.snapshot",
      ])
    let sql = second.sql ?? ""
    #expect(
      sql.contains(
        "DROP TABLE IF EXISTS shop.snapshot_marker;\n\nDROP TABLE IF EXISTS shop.snapshot;"))
    // A table that is not derived still asks for a hand-written migration.
    let plain = SQLScript("plain.sql", header: []) {
      CreateTable(Snapshot.self) { t in t.unique(\.customerID) }
    }
    var plainState = SchemaState()
    plainState.objects = try MigrationPlan(
      from: nil, to: [SQLScript("plain.sql", header: []) { CreateTable(Snapshot.self) }]
    ).objects
    #expect(throws: SQLGenerationError.self) { try MigrationPlan(from: plainState, to: [plain]) }
  }
}
