import SQLBuilder
import Testing

/// Functions with parameters in SQL and PL/pgSQL, and triggers, beside the SQL they render,
/// created and called on PostgreSQL.
@Suite struct FunctionConstructTests {
  static let purchasesBetween = Function(
    "shop", "purchases_between", parameters: PurchaseWindow.self)

  @Test func sqlFunctionReturningSetOfRows() {
    let create = CreateFunction(
      Self.purchasesBetween, returnsSetOf: Purchases.self, volatility: .stable,
      settings: [.emptySearchPath]
    ) { args in
      Select(Purchases.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.where(p.placedAt >= args.from && p.placedAt < args.to)
        q.orderBy(p.placedAt)
        out.id(p.id)
        out.customerID(p.customerID)
        out.quantity(p.quantity)
        out.unitPrice(p.unitPrice)
        out.status(p.status)
        out.placedAt(p.placedAt)
      }
    }
    let output = assertSQL(
      [
        create,
        Revoke(.all, on: .function(Self.purchasesBetween), from: .public, .anon),
        Grant(.execute, on: .function(Self.purchasesBetween), to: .authenticated, .serviceRole),
        CommentOn.function(Self.purchasesBetween, "Purchases placed in [p_from, p_to)."),
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.purchases_between(
        p_from timestamp with time zone,
        p_to timestamp with time zone DEFAULT now()
      )
      RETURNS SETOF shop.purchases
      AS $$
      SELECT
        p.id,
        p.customer_id,
        p.quantity,
        p.unit_price,
        p.status,
        p.placed_at
      FROM shop.purchases p
      WHERE p.placed_at >= p_from AND p.placed_at < p_to
      ORDER BY p.placed_at;
      $$
      LANGUAGE sql
      STABLE
      SET search_path = '';

      REVOKE ALL ON FUNCTION shop.purchases_between(timestamp with time zone, timestamp with time zone) FROM PUBLIC, anon;

      GRANT EXECUTE ON FUNCTION shop.purchases_between(timestamp with time zone, timestamp with time zone) TO authenticated, service_role;

      COMMENT ON FUNCTION shop.purchases_between(timestamp with time zone, timestamp with time zone) IS 'Purchases placed in [p_from, p_to).';
      """#,
      then: """
        SELECT count(*) FROM shop.purchases_between(p_from => now() - interval '2 days');
        SELECT has_function_privilege('anon', 'shop.purchases_between(timestamptz, timestamptz)', 'EXECUTE');
        """)
    #expect(output == "2\nf\n")
  }

  @Test func sqlFunctionReturningTableAndScalar() {
    let totals = Function("shop", "customer_totals_for", parameters: OneCustomer.self)
    let spend = Function("shop", "spend_of", parameters: OneCustomer.self)
    let output = assertSQL(
      [
        CreateFunction(totals, returnsTable: CustomerTotals.self, volatility: .stable) { args in
          Select(CustomerTotals.self) { q, out in
            let p = q.from(Purchases.self, as: "p")
            q.where(p.customerID == args.customerID)
            q.groupBy(p.customerID)
            out.customerID(p.customerID)
            out.purchases(count())
            out.revenue(sum(p.quantity * p.unitPrice))
          }
        },
        CreateFunction(spend, returns: PG.Numeric.self, volatility: .stable) { args in
          coalesce(
            scalar { q in
              let p = q.from(Purchases.self, as: "p")
              q.where(p.customerID == args.customerID)
              return sum(p.quantity * p.unitPrice)
            }, .constant(0))
        },
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.customer_totals_for(
        p_customer_id uuid
      )
      RETURNS TABLE (
        customer_id uuid,
        purchases bigint,
        revenue numeric
      )
      AS $$
      SELECT
        p.customer_id,
        COUNT(*) AS purchases,
        SUM(p.quantity * p.unit_price) AS revenue
      FROM shop.purchases p
      WHERE p.customer_id = p_customer_id
      GROUP BY p.customer_id;
      $$
      LANGUAGE sql
      STABLE;

      CREATE OR REPLACE FUNCTION shop.spend_of(
        p_customer_id uuid
      )
      RETURNS numeric
      AS $$
      SELECT COALESCE((SELECT SUM(p.quantity * p.unit_price) FROM shop.purchases p WHERE p.customer_id = p_customer_id), 0);
      $$
      LANGUAGE sql
      STABLE;
      """#,
      then: """
        SELECT purchases || ' ' || revenue FROM shop.customer_totals_for('\(ShopSchema.ada)');
        SELECT shop.spend_of(p_customer_id => '\(ShopSchema.ada)');
        """)
    #expect(output == "1 19.0\n19.0\n")
  }

  @Test func plpgsqlFunctionWithVariablesAndErrors() {
    let archive = Function("shop", "archive_purchases", parameters: PurchaseWindow.self)
    let archived = Variable<PG.BigInt>("v_archived")
    let create = CreateFunction(
      archive, returns: .scalar(PG.BigInt.self), security: .definer, settings: [.emptySearchPath]
    ) { args in
      Declare(archived, .constant(0))
      If(args.from.isNull || args.to.isNull || args.from > args.to) {
        Raise.exception("p_from and p_to must be given, p_from first", code: .invalidParameterValue)
      }
      Update(Purchases.self, as: "p") { q, p, set in
        set.status("archived")
        q.where(p.placedAt >= args.from && p.placedAt < args.to)
      }
      GetDiagnostics(archived, .rowCount)
      Raise(.notice, "archived % purchases", archived.value)
      Return(archived.value.assumingNotNull)
    }
    let output = assertSQL(
      [create],
      #"""
      CREATE OR REPLACE FUNCTION shop.archive_purchases(
        p_from timestamp with time zone,
        p_to timestamp with time zone DEFAULT now()
      )
      RETURNS bigint
      AS $$
      DECLARE
        v_archived bigint := 0;
      BEGIN
        IF p_from IS NULL OR p_to IS NULL OR p_from > p_to THEN
          RAISE EXCEPTION 'p_from and p_to must be given, p_from first' USING ERRCODE = '22023';
        END IF;
        UPDATE shop.purchases p
        SET
          status = 'archived'
        WHERE p.placed_at >= p_from AND p.placed_at < p_to;
        GET DIAGNOSTICS v_archived = ROW_COUNT;
        RAISE NOTICE 'archived % purchases', v_archived;
        RETURN v_archived;
      END;
      $$
      LANGUAGE plpgsql
      SECURITY DEFINER
      SET search_path = '';
      """#,
      then: """
        SELECT shop.archive_purchases(now() - interval '7 days');
        DO $$
        BEGIN
          PERFORM shop.archive_purchases(NULL);
          RAISE EXCEPTION 'no error';
        EXCEPTION WHEN invalid_parameter_value THEN
          NULL;
        END
        $$;
        """)
    #expect(output == "2\n")
  }

  @Test func plpgsqlFunctionReturningQuery() {
    let recent = Function("shop", "recent_regions", parameters: PurchaseWindow.self)
    assertSQL(
      [
        CreateFunction(recent, returns: .setOf(RegionList.self), volatility: .stable) { args in
          ReturnQuery(
            Select(RegionList.self) { q, out in
              let c = q.from(Customers.self, as: "c")
              q.where(c.region.isNotNull && c.createdAt >= args.from)
              out.region(c.region.assumingNotNull)
            })
          Return()
        }
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.recent_regions(
        p_from timestamp with time zone,
        p_to timestamp with time zone DEFAULT now()
      )
      RETURNS SETOF shop.region_list
      AS $$
      BEGIN
        RETURN QUERY
        SELECT
          c.region
        FROM shop.customers c
        WHERE c.region IS NOT NULL AND c.created_at >= p_from;
        RETURN;
      END;
      $$
      LANGUAGE plpgsql
      STABLE;
      """#,
      given: [
        CreateView(RegionList.self) {
          Select(RegionList.self) { q, out in
            out.region(q.from(Customers.self, as: "c").name)
          }
        }
      ],
      then: "SELECT count(*) FROM shop.recent_regions(now() - interval '1 day');")
  }

  @Test func callsInNamedNotation() {
    // A scalar function called in an expression, and a set-returning one in FROM; arguments
    // with defaults are left out.
    let spend = Function("shop", "spend_of", parameters: OneCustomer.self)
    let output = assertSQL(
      [
        Select(CustomerTotals.self) { q, out in
          let c = q.from(Customers.self, as: "c")
          let p = q.from(
            Self.purchasesBetween, rows: Purchases.self, as: "p"
          ) { args in args.from(now() - interval(days: 2)) }
          q.where(p.customerID == c.id)
          q.groupBy(c.id)
          q.orderBy(c.id)
          out.customerID(c.id)
          out.purchases(count())
          out.revenue(
            max(spend.call(returning: PG.Numeric.self) { args in args.customerID(c.id) }))
        }
      ],
      #"""
      SELECT
        c.id AS customer_id,
        COUNT(*) AS purchases,
        MAX(shop.spend_of(p_customer_id => c.id)) AS revenue
      FROM shop.customers c
      CROSS JOIN shop.purchases_between(p_from => now() - '2 days'::interval) p
      WHERE p.customer_id = c.id
      GROUP BY c.id
      ORDER BY c.id;
      """#,
      given: [
        CreateFunction(spend, returns: PG.Numeric.self, volatility: .stable) { args in
          coalesce(
            scalar { q in
              let p = q.from(Purchases.self, as: "p")
              q.where(p.customerID == args.customerID)
              return sum(p.quantity * p.unitPrice)
            }, .constant(0))
        },
        CreateFunction(Self.purchasesBetween, returnsSetOf: Purchases.self, volatility: .stable) {
          args in
          Select(Purchases.self) { q, out in
            let p = q.from(Purchases.self, as: "p")
            q.where(p.placedAt >= args.from && p.placedAt < args.to)
            out.columns(of: p)
          }
        },
      ])
    #expect(output == "\(ShopSchema.ada)|1|19.0\n\(ShopSchema.bob)|1|19.0\n")
  }

  @Test func decimalConstantsAreNumbers() {
    // A decimal constant holds a number: NaN renders as numeric's own 'NaN', not as text, and
    // others as plain decimals, without an exponent.
    let constant = Function("shop", "constant")
    let output = assertSQL(
      [
        CreateFunction(constant, returns: PG.Numeric.self, volatility: .immutable) { _ in
          SQLExpression<PG.Numeric, NotNull>(floatLiteral: .nan) + 1e-7 + 60 + 2.5 + 1.5e16
            - 0.00025
        }
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.constant()
      RETURNS numeric
      AS $$
      SELECT 'NaN'::numeric + 0.0000001 + 60 + 2.5 + 15000000000000000.0 - 0.00025;
      $$
      LANGUAGE sql
      IMMUTABLE;
      """#,
      then: "SELECT shop.constant();")
    #expect(output == "NaN\n")
  }

  /// An exception block catches the condition it names and lets every other propagate; a
  /// table lock and an unlogged table as a PL/pgSQL function uses them.
  @Test func exceptionBlockLockTableAndUnloggedTable() {
    let divide = Function("shop", "safe_ratio")
    let output = assertSQL(
      [
        CreateTable(PurchaseLog.self, unlogged: true),
        CreateFunction(divide, returns: .void) { _ in
          LockTable(PurchaseLog.self, mode: .exclusive)
          ExceptionBlock(catching: SQLState("22012", name: "division_by_zero")) {
            Insert(into: PurchaseLog.self) { row in
              row.purchases(
                SQLExpression<PG.BigInt, NotNull>.constant(1)
                  / SQLExpression<PG.BigInt, NotNull>.constant(0))
            }
          } handler: {
            Raise(.notice, "no ratio")
            Insert(into: PurchaseLog.self) { row in row.purchases(.constant(0)) }
          }
          ExceptionBlock(catching: .invalidParameterValue) {
            Insert(into: PurchaseLog.self) { row in row.purchases(.constant(2)) }
          } handler: {
          }
        },
      ],
      #"""
      CREATE UNLOGGED TABLE shop.purchase_log (
        purchases bigint NOT NULL
      );

      CREATE OR REPLACE FUNCTION shop.safe_ratio()
      RETURNS void
      AS $$
      BEGIN
        LOCK TABLE shop.purchase_log IN EXCLUSIVE MODE;
        BEGIN
          INSERT INTO shop.purchase_log (purchases)
          VALUES
            (1 / 0);
        EXCEPTION WHEN division_by_zero THEN
          RAISE NOTICE 'no ratio';
          INSERT INTO shop.purchase_log (purchases)
          VALUES
            (0);
        END;
        BEGIN
          INSERT INTO shop.purchase_log (purchases)
          VALUES
            (2);
        EXCEPTION WHEN invalid_parameter_value THEN
          NULL;
        END;
      END;
      $$
      LANGUAGE plpgsql;
      """#,
      then: """
        SELECT shop.safe_ratio();
        SELECT string_agg(purchases::text, ',' ORDER BY purchases) FROM shop.purchase_log;
        SELECT relpersistence FROM pg_class WHERE oid = 'shop.purchase_log'::regclass;
        """)
    #expect(output == "\n0,2\nu\n")
  }

  @Test func rowTriggersReadAndChangeTheRow() {
    // BEFORE INSERT: a region is stored in capitals. AFTER UPDATE: each rename is logged.
    let capitalize = Function("shop", "capitalize_region")
    let logRename = Function("shop", "log_rename")
    let output = assertSQL(
      [
        CreateTable(Renames.self),
        CreateFunction(capitalize, returns: .trigger) { _ in
          Assign(new: \Customers.region, upper(newRow(Customers.self).region))
          Return.new
        },
        CreateTrigger(
          "customers_capitalize_region", .before, [.insert, .update], on: Customers.self,
          forEach: .row, execute: capitalize),
        CreateFunction(logRename, returns: .trigger) { _ in
          If(newRow(Customers.self).name.isDistinct(from: oldRow(Customers.self).name)) {
            Insert(into: Renames.self) { row in
              row.before(oldRow(Customers.self).name)
              row.after(newRow(Customers.self).name)
            }
          }
          Return.null
        },
        CreateTrigger(
          "customers_log_rename", .after, [.update], on: Customers.self, forEach: .row,
          execute: logRename),
      ],
      #"""
      CREATE TABLE shop.renames (
        before text,
        after text
      );

      CREATE OR REPLACE FUNCTION shop.capitalize_region()
      RETURNS trigger
      AS $$
      BEGIN
        new.region := upper(new.region);
        RETURN new;
      END;
      $$
      LANGUAGE plpgsql;

      CREATE OR REPLACE TRIGGER customers_capitalize_region
        BEFORE INSERT OR UPDATE ON shop.customers
        FOR EACH ROW
        EXECUTE FUNCTION shop.capitalize_region();

      CREATE OR REPLACE FUNCTION shop.log_rename()
      RETURNS trigger
      AS $$
      BEGIN
        IF new.name IS DISTINCT FROM old.name THEN
          INSERT INTO shop.renames (before, after)
          VALUES
            (old.name, new.name);
        END IF;
        RETURN NULL;
      END;
      $$
      LANGUAGE plpgsql;

      CREATE OR REPLACE TRIGGER customers_log_rename
        AFTER UPDATE ON shop.customers
        FOR EACH ROW
        EXECUTE FUNCTION shop.log_rename();
      """#,
      then: """
        INSERT INTO shop.customers (name, region) VALUES ('Cy', 'us');
        UPDATE shop.customers SET name = 'Ada L.' WHERE name = 'Ada';
        SELECT region FROM shop.customers WHERE name = 'Cy';
        SELECT before || ' > ' || after FROM shop.renames;
        """)
    #expect(output == "US\nAda > Ada L.\n")
  }

  @Test func statementTriggerWithTransitionTable() {
    let record = Function("shop", "record_new_purchases")
    let output = assertSQL(
      [
        CreateTable(PurchaseLog.self),
        CreateFunction(record, returns: .trigger) { _ in
          Insert(
            into: PurchaseLog.self,
            Select(PurchaseLog.self) { q, out in
              _ = q.from(NewPurchases.self, as: "n")
              out.purchases(count())
            })
          Return.null
        },
        CreateTrigger(
          "purchases_logged", .after, [.insert], on: Purchases.self, forEach: .statement,
          referencing: [.newTable(as: "new_purchases")], execute: record),
      ],
      #"""
      CREATE TABLE shop.purchase_log (
        purchases bigint NOT NULL
      );

      CREATE OR REPLACE FUNCTION shop.record_new_purchases()
      RETURNS trigger
      AS $$
      BEGIN
        INSERT INTO shop.purchase_log (purchases)
        SELECT
          COUNT(*) AS purchases
        FROM new_purchases n;
        RETURN NULL;
      END;
      $$
      LANGUAGE plpgsql;

      CREATE OR REPLACE TRIGGER purchases_logged
        AFTER INSERT ON shop.purchases
        REFERENCING NEW TABLE AS new_purchases
        FOR EACH STATEMENT
        EXECUTE FUNCTION shop.record_new_purchases();
      """#,
      then: """
        INSERT INTO shop.purchases (quantity, unit_price) VALUES (1, 1), (2, 2);
        SELECT purchases FROM shop.purchase_log;
        """)
    #expect(output == "2\n")
  }
}

struct Renames: Relation {
  static let qualifiedName = QualifiedName("shop", "renames")
  let before = Column<PG.Text, Nullable>("before")
  let after = Column<PG.Text, Nullable>("after")
}

struct OneCustomer: FunctionParameters {
  let customerID = Parameter<PG.UUID>("p_customer_id")
}

struct PurchaseLog: Relation {
  static let qualifiedName = QualifiedName("shop", "purchase_log")
  let purchases = Column<PG.BigInt, NotNull>("purchases")
}

struct NewPurchases: TransitionTable {
  static let qualifiedName = QualifiedName("new_purchases")
  let id = Column<PG.UUID, NotNull>("id")
}
