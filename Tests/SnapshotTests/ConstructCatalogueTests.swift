import SQLBuilder
import Testing

/// One snapshot per DSL construct: the Swift is here, the SQL it renders is in
/// `__Snapshots__/Constructs/<name>.sql`.
@Suite struct ConstructCatalogueTests {
  let c = Customers.alias("c")
  let p = Purchases.alias("p")

  func select<R: Relation>(_ query: Query<R>) -> String {
    var writer = SQLWriter()
    query.statement.render(into: &writer)
    #expect(writer.diagnostics.isEmpty, "\(writer.diagnostics)")
    return writer.text
  }

  @Test func coalesceHierarchy() {
    let discount: Expression<PG.Numeric, NotNull> = coalesce(c.discount, c.discount, .constant(0))
    let q = Query(CustomerTotals.self) { out in
      out.customerID(c.id)
      out.purchases(count())
      out.revenue(sum(discount))
    }.from(c).groupBy(c.id)
    assertSnapshot(select(q), named: "Constructs/coalesce.sql")
  }

  @Test func caseWhenElse() {
    let q = Query(RegionNames.self) { out in
      out.region(
        Case(else: c.region) {
          When(c.region.isNull, then: Expression<PG.Text, NotNull>.text("unknown").nullable)
          When(c.region == "", then: Expression<PG.Text, NotNull>.text("blank").nullable)
        })
    }.from(c)
    assertSnapshot(select(q), named: "Constructs/case.sql")
  }

  @Test func arithmeticAndCasts() {
    // integer * numeric is numeric; the cast keeps the nullability.
    let lineTotal: Expression<PG.Numeric, NotNull> = p.quantity * p.unitPrice
    let q = Query(CustomerTotals.self) { out in
      out.customerID(p.customerID)
      out.purchases(sum(p.quantity).cast(to: PG.BigInt.self).assumingNotNull)
      out.revenue(sum(lineTotal - p.unitPrice / 2.0 * (p.unitPrice - 1)))
    }.from(p).groupBy(p.customerID)
    assertSnapshot(select(q), named: "Constructs/arithmetic.sql")
  }

  @Test func orderByAndCastOfCase() {
    // A cast of a CASE is parenthesized; ORDER BY sorts the whole result.
    let paidQuantity = Case { When(p.status == "paid", then: p.quantity) }
    let q = Query(CustomerTotals.self) { out in
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(paidQuantity.cast(to: PG.Numeric.self)))
    }.from(p).groupBy(p.customerID).orderBy(p.customerID)
    assertSnapshot(select(q), named: "Constructs/order-by-and-cast-of-case.sql")
  }

  @Test func atTimeZoneAndFilter() {
    let localDay = p.placedAt.atTimeZone("America/New_York").cast(to: PG.Date.self)
    let q = Query(CustomerTotals.self) { out in
      out.customerID(p.customerID)
      out.purchases(count(filter: p.status == "paid" && localDay.isNotNull))
      out.revenue(sum(p.unitPrice, filter: p.status.in(["paid", "shipped"])))
    }.from(p).where(p.placedAt.isNotNull).groupBy(p.customerID)
    assertSnapshot(select(q), named: "Constructs/at-time-zone-and-filter.sql")
  }

  @Test func joins() {
    let optionalCustomer = Customers.alias("oc").optional
    let q = Query(CustomerTotals.self) { out in
      out.customerID(c.id)
      out.purchases(count(p.id))
      out.revenue(max(optionalCustomer.discount))
    }
    .from(c)
    .join(p, on: p.customerID == c.id)
    .leftJoin(
      optionalCustomer, on: optionalCustomer.id == c.id && optionalCustomer.region == c.region
    )
    .where(!(c.name == "test") || c.region.isNull)
    .groupBy(c.id)
    assertSnapshot(select(q), named: "Constructs/joins.sql")
  }

  @Test func fullJoinUsingAndUnionAll() {
    let a = RecentPurchases.alias("a").optional
    let b = RecentPurchases.alias("b").optional
    let q = Query(RecentPurchases.self) { out in
      out.customerID(coalesce(a.customerID, b.customerID))
      out.quantity(coalesce(a.quantity, b.quantity, 0))
    }
    .from(a)
    .fullJoin(b, using: \.customerID)
    .unionAll(
      Query(RecentPurchases.self) { out in
        out.customerID(p.customerID)
        out.quantity(p.quantity)
      }.from(p))
    assertSnapshot(select(q), named: "Constructs/full-join-using-union-all.sql")
  }

  @Test func commonTableExpressions() {
    let q = with {
      Query(RecentPurchases.self) { out in
        out.customerID(p.customerID)
        out.quantity(p.quantity)
      }.from(p).where(p.status == "paid")
    } select: {
      let r = RecentPurchases.alias("r")
      return Query(CustomerTotals.self) { out in
        out.customerID(r.customerID)
        out.purchases(count())
        out.revenue(sum(r.quantity).cast(to: PG.Numeric.self))
      }.from(r).groupBy(r.customerID)
    }
    assertSnapshot(select(q), named: "Constructs/with.sql")
  }

  @Test func commonTableMaterialization() {
    func cte(_ q: Query<RecentPurchases>) -> String {
      let sql = select(
        with {
          q
        } select: {
          Query(RecentPurchases.self) { out in
            let r = RecentPurchases.alias("r")
            out.customerID(r.customerID)
            out.quantity(r.quantity)
          }.from(RecentPurchases.alias("r"))
        })
      return String(sql.split(separator: "\n").first ?? "")
    }
    let paid = Query(RecentPurchases.self) { out in
      out.customerID(p.customerID)
      out.quantity(p.quantity)
    }.from(p)
    #expect(cte(paid) == "WITH recent_purchases AS (")
    #expect(cte(paid.notMaterialized()) == "WITH recent_purchases AS NOT MATERIALIZED (")
    #expect(cte(paid.materialized()) == "WITH recent_purchases AS MATERIALIZED (")
  }

  @Test func materializedViewAndIndexes() {
    let statements: [any SQLStatement] = [
      CreateExtension("pg_cron", schema: "pg_catalog"),
      DropMaterializedView(CustomerTotals.self),
      CreateMaterializedView(CustomerTotals.self, withData: false) {
        Query(CustomerTotals.self) { out in
          out.customerID(p.customerID)
          out.purchases(count())
          out.revenue(sum(p.unitPrice))
        }.from(p).groupBy(p.customerID)
      },
      uniqueIndex(
        "customer_totals_key", on: CustomerTotals.self, \.customerID, nullsNotDistinct: true),
      index("customer_totals_revenue", on: CustomerTotals.self, \.revenue),
      partialUniqueIndex(
        "customer_totals_known", on: CustomerTotals.self, \.customerID,
        where: CustomerTotals.unaliased.customerID.isNotNull),
      RefreshMaterializedView(CustomerTotals.self, concurrently: true),
      CommentOn.materializedView(
        CustomerTotals.self, "Totals per customer; it's refreshed nightly."),
    ]
    assertSnapshot(
      statements.map(render).joined(separator: "\n"), named: "Constructs/materialized-view.sql")
  }

  @Test func functionGrantsAndCron() {
    let refresh = FunctionSignature("shop", "refresh_customer_totals")
    let statements: [any SQLStatement] = [
      CreateFunction(
        refresh, returns: PG.Void.self, securityDefiner: true, settings: [.emptySearchPath]
      ) {
        If(!tryAdvisoryXactLock(.constant(42))) {
          Return()
        }
        If(exists(PGClass.alias("k"), where: PGClass.alias("k").relispopulated)) {
          RefreshMaterializedView(CustomerTotals.self, concurrently: true)
        } otherwise: {
          Perform(tryAdvisoryXactLock(.constant(7)))
        }
      },
      Revoke(.all, on: .function(refresh), from: .public, .anon, .authenticated),
      Grant(.execute, on: .function(refresh), to: .serviceRole),
      Grant(.select, on: .table(CustomerTotals.self), to: .serviceRole, Role("Reporting Team")),
      CronSchedule(
        "refresh-customer-totals", schedule: "0 3 * * 1-5", command: SelectFunction(refresh)),
      CronSchedule(
        "refresh-now", schedule: "*/10 * * * *",
        command: RefreshMaterializedView(CustomerTotals.self, concurrently: false)),
      CommentOn.function(refresh, "Refreshes shop.customer_totals."),
    ]
    assertSnapshot(
      statements.map(render).joined(separator: "\n"), named: "Constructs/function-grants-cron.sql")
  }

  @Test func transactionAndComments() {
    let script = Transaction {
      Comment("Two lines\nof comment.")
      DropMaterializedView(CustomerTotals.self)
      Grant(.select, on: .table(CustomerTotals.self), to: .serviceRole)
    }
    assertSnapshot(render(script), named: "Constructs/transaction.sql")
  }

  @Test func quotingAndLiterals() {
    let w = AwkwardNames.alias("Order Lines")
    let q = Query(RegionNames.self) { out in
      out.region(
        Case(else: w.quoted.nullable) {
          When(
            w.user == "O'Brien" && w.mixedCase + w.spaced > 3,
            then: Expression<PG.Text, Nullable>.null)
        })
    }.from(w)
    assertSnapshot(select(q), named: "Constructs/quoting.sql")
  }
}
