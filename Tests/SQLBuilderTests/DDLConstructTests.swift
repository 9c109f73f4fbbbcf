import SQLBuilder
import Testing

/// Each DDL construct beside the SQL it renders, applied on PostgreSQL in a transaction that is
/// rolled back, with a query that shows its effect.
@Suite struct DDLConstructTests {
  @Test func tableWithDefaultsAndConstraints() {
    let output = assertSQL(
      [
        CreateSchema("billing"),
        CreateTable(Invoices.self, ifNotExists: true) { t in
          t.primaryKey(\.id)
          t.unique(\.customerID, \.number)
          t.foreignKey(\.customerID, references: \Customers.id, onDelete: .cascade)
          t.check("invoices_total_not_negative") { $0.total >= .constant(0) }
        },
        Insert(into: Invoices.self) { row in
          row.customerID(
            SQLExpression<PG.Text, NotNull>.text(ShopSchema.ada).cast(to: PG.UUID.self))
          row.number(1)
          row.total(.constant(12))
        },
      ],
      #"""
      CREATE SCHEMA IF NOT EXISTS billing;

      CREATE TABLE IF NOT EXISTS billing.invoices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL,
        number integer NOT NULL,
        total numeric(12,2) NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        issued_on date NOT NULL DEFAULT CURRENT_DATE,
        PRIMARY KEY (id),
        UNIQUE (customer_id, number),
        FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE CASCADE,
        CONSTRAINT invoices_total_not_negative CHECK (invoices.total >= 0)
      );

      INSERT INTO billing.invoices (customer_id, number, total)
      VALUES
        ('00000000-0000-0000-0000-00000000000a'::uuid, 1, 12);
      """#,
      then: """
        SELECT format_type(atttypid, atttypmod) FROM pg_attribute
        WHERE attrelid = 'billing.invoices'::regclass AND attname = 'total';
        SELECT status || ' ' || (issued_on = current_date) FROM billing.invoices;
        """)
    #expect(output == "numeric(12,2)\ndraft true\n")
  }

  @Test func viewWithSecurityInvokerAndDropCascade() {
    let regions = CreateView(RegionList.self, orReplace: true, securityInvoker: true) {
      Select(RegionList.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.where(c.region.isNotNull)
        out.region(c.region.assumingNotNull)
      }
    }
    let output = assertSQL(
      [regions, Drop.view(RegionList.self, .cascade), regions],
      #"""
      CREATE OR REPLACE VIEW shop.region_list WITH (security_invoker = true) AS
      SELECT
        c.region
      FROM shop.customers c
      WHERE c.region IS NOT NULL;

      DROP VIEW IF EXISTS shop.region_list CASCADE;

      CREATE OR REPLACE VIEW shop.region_list WITH (security_invoker = true) AS
      SELECT
        c.region
      FROM shop.customers c
      WHERE c.region IS NOT NULL;
      """#,
      then: """
        SELECT reloptions::text FROM pg_class WHERE oid = 'shop.region_list'::regclass;
        SELECT region FROM shop.region_list;
        """)
    #expect(output == "{security_invoker=true}\nEU\n")
  }

  @Test func materializedViewAndIndexes() {
    let totals = CreateMaterializedView(CustomerTotals.self, withData: false) {
      Select(CustomerTotals.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.groupBy(p.customerID)
        out.customerID(p.customerID)
        out.purchases(count())
        out.revenue(sum(p.unitPrice))
      }
    }
    let output = assertSQL(
      [
        Drop.materializedView(CustomerTotals.self),
        totals,
        uniqueIndex(
          "customer_totals_key", on: CustomerTotals.self, \.customerID, nullsNotDistinct: true),
        index("customer_totals_revenue", on: CustomerTotals.self, \.revenue, \.purchases)
          .descending(\.revenue).including(\.customerID).ifNotExists(),
        partialUniqueIndex("customer_totals_known", on: CustomerTotals.self, \.customerID) {
          $0.customerID.isNotNull
        },
        RefreshMaterializedView(CustomerTotals.self, concurrently: false),
        RefreshMaterializedView(CustomerTotals.self, concurrently: true),
        CommentOn.materializedView(
          CustomerTotals.self, "Totals per customer; it's refreshed nightly."),
      ],
      #"""
      DROP MATERIALIZED VIEW IF EXISTS shop.customer_totals;

      CREATE MATERIALIZED VIEW shop.customer_totals AS
      SELECT
        p.customer_id,
        COUNT(*) AS purchases,
        SUM(p.unit_price) AS revenue
      FROM shop.purchases p
      GROUP BY p.customer_id
      WITH NO DATA;

      CREATE UNIQUE INDEX customer_totals_key ON shop.customer_totals (customer_id) NULLS NOT DISTINCT;

      CREATE INDEX IF NOT EXISTS customer_totals_revenue ON shop.customer_totals (revenue DESC, purchases) INCLUDE (customer_id);

      CREATE UNIQUE INDEX customer_totals_known ON shop.customer_totals (customer_id) WHERE customer_totals.customer_id IS NOT NULL;

      REFRESH MATERIALIZED VIEW shop.customer_totals;

      REFRESH MATERIALIZED VIEW CONCURRENTLY shop.customer_totals;

      COMMENT ON MATERIALIZED VIEW shop.customer_totals IS 'Totals per customer; it''s refreshed nightly.';
      """#,
      then: """
        SELECT count(*) FROM shop.customer_totals;
        SELECT obj_description('shop.customer_totals'::regclass, 'pg_class');
        """)
    #expect(output == "2\nTotals per customer; it's refreshed nightly.\n")
  }

  @Test func aViewOthersDependOnIsRebuiltByApplyingTwice() {
    // DROP … CASCADE takes the dependent view along; the script creates both again, so
    // applying it a second time succeeds too.
    let script: [any SQLStatement] = [
      Drop.materializedView(CustomerTotals.self, .cascade),
      CreateMaterializedView(CustomerTotals.self) {
        Select(CustomerTotals.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.groupBy(p.customerID)
          out.customerID(p.customerID)
          out.purchases(count())
          out.revenue(sum(p.unitPrice))
        }
      },
      CreateView(BigSpenders.self) {
        Select(BigSpenders.self) { q, out in
          let t = q.from(CustomerTotals.self, as: "t")
          q.where(t.revenue > .constant(5))
          out.customerID(t.customerID)
        }
      },
    ]
    // Applied a second time after the first, in the same transaction.
    let again = try? ShopDatabase.rendered(script)
    let output = assertSQL(
      script,
      #"""
      DROP MATERIALIZED VIEW IF EXISTS shop.customer_totals CASCADE;

      CREATE MATERIALIZED VIEW shop.customer_totals AS
      SELECT
        p.customer_id,
        COUNT(*) AS purchases,
        SUM(p.unit_price) AS revenue
      FROM shop.purchases p
      GROUP BY p.customer_id;

      CREATE VIEW shop.big_spenders AS
      SELECT
        t.customer_id
      FROM shop.customer_totals t
      WHERE t.revenue > 5;
      """#,
      then: (again ?? "") + "SELECT count(*) FROM shop.big_spenders;")
    #expect(output == "2\n")
  }

  @Test func dropsOfEveryKind() {
    assertSQL(
      [
        Drop.table(Invoices.self, .cascade),
        Drop.view(RegionList.self),
        Drop.materializedView(CustomerTotals.self, .restrict),
        Drop.function(Function("shop", "nothing_here", parameters: PurchaseWindow.self).signature),
        Drop.index("nothing_here", schema: "shop"),
        Drop.trigger("nothing_here", on: Purchases.self),
        Drop.policy("nothing_here", on: Purchases.self),
        Drop.schema("billing", .cascade),
      ],
      #"""
      DROP TABLE IF EXISTS billing.invoices CASCADE;

      DROP VIEW IF EXISTS shop.region_list;

      DROP MATERIALIZED VIEW IF EXISTS shop.customer_totals RESTRICT;

      DROP FUNCTION IF EXISTS shop.nothing_here(timestamp with time zone, timestamp with time zone);

      DROP INDEX IF EXISTS shop.nothing_here;

      DROP TRIGGER IF EXISTS nothing_here ON shop.purchases;

      DROP POLICY IF EXISTS nothing_here ON shop.purchases;

      DROP SCHEMA IF EXISTS billing CASCADE;
      """#)
  }
}

struct Invoices: Relation {
  static let qualifiedName = QualifiedName("billing", "invoices")
  let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
  let customerID = Column<PG.UUID, NotNull>("customer_id")
  let number = Column<PG.Integer, NotNull>("number")
  let total = Column<PG.Numeric, NotNull>("total", precision: 12, scale: 2)
  let status = Column<PG.Text, NotNull>("status", default: "draft")
  let issuedOn = Column<PG.Date, NotNull>("issued_on", default: currentDate)
}

struct RegionList: Relation {
  static let qualifiedName = QualifiedName("shop", "region_list")
  let region = Column<PG.Text, NotNull>("region")
}

struct BigSpenders: Relation {
  static let qualifiedName = QualifiedName("shop", "big_spenders")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
}

struct PurchaseWindow: FunctionParameters {
  let from = Parameter<PG.TimestampTZ>("p_from")
  let to = Parameter<PG.TimestampTZ>("p_to", default: now())
}
