import SQLBuilder
import Testing

/// One snapshot per DSL construct: the Swift is here, the SQL it renders is in
/// `__Snapshots__/Constructs/<name>.sql`.
@Suite struct ConstructCatalogueTests {
  func select<R: Relation>(_ query: Select<R>) -> String {
    do {
      return try render(query)
    } catch {
      Issue.record("\(error)")
      return ""
    }
  }

  @Test func coalesceHierarchy() {
    let q = Select(CustomerTotals.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      let discount: SQLExpression<PG.Numeric, NotNull> = coalesce(
        c.discount, c.discount, .constant(0))
      q.groupBy(c.id)
      out.customerID(c.id)
      out.purchases(count())
      out.revenue(sum(discount))
    }
    assertSnapshot(select(q), named: "Constructs/coalesce.sql")
  }

  @Test func caseWhenElse() {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      out.region(
        Case(else: c.region) {
          When(c.region.isNull, then: SQLExpression<PG.Text, NotNull>.text("unknown").nullable)
          When(c.region == "", then: SQLExpression<PG.Text, NotNull>.text("blank").nullable)
        })
    }
    assertSnapshot(select(q), named: "Constructs/case.sql")
  }

  @Test func arithmeticAndCasts() {
    // integer * numeric is numeric; the cast keeps the nullability.
    let q = Select(CustomerTotals.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let lineTotal: SQLExpression<PG.Numeric, NotNull> = p.quantity * p.unitPrice
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(sum(p.quantity).cast(to: PG.BigInt.self).assumingNotNull)
      out.revenue(sum(lineTotal - p.unitPrice / 2.0 * (p.unitPrice - 1)))
    }
    assertSnapshot(select(q), named: "Constructs/arithmetic.sql")
  }

  @Test func orderByAndCastOfCase() {
    // A cast of a CASE is parenthesized; ORDER BY sorts the whole result.
    let q = Select(CustomerTotals.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let paidQuantity = Case { When(p.status == "paid", then: p.quantity) }
      q.groupBy(p.customerID)
      q.orderBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(paidQuantity.cast(to: PG.Numeric.self)))
    }
    assertSnapshot(select(q), named: "Constructs/order-by-and-cast-of-case.sql")
  }

  @Test func atTimeZoneAndFilter() {
    let q = Select(CustomerTotals.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let localDay = p.placedAt.atTimeZone("America/New_York").cast(to: PG.Date.self)
      q.where(p.placedAt.isNotNull)
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count(filter: p.status == "paid" && localDay.isNotNull))
      out.revenue(sum(p.unitPrice, filter: p.status.in(["paid", "shipped"])))
    }
    assertSnapshot(select(q), named: "Constructs/at-time-zone-and-filter.sql")
  }

  @Test func joins() {
    // The LEFT JOIN's handle reads every column as nullable: MAX(oc.discount) needs no marker.
    let q = Select(CustomerTotals.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      let p = q.join(Purchases.self, as: "p") { $0.customerID == c.id }
      let oc = q.leftJoin(Customers.self, as: "oc") { $0.id == c.id && $0.region == c.region }
      q.where(!(c.name == "test") || c.region.isNull)
      q.groupBy(c.id)
      out.customerID(c.id)
      out.purchases(count(p.id))
      out.revenue(max(oc.discount))
    }
    assertSnapshot(select(q), named: "Constructs/joins.sql")
  }

  @Test func fullJoinUsingAndUnionAll() {
    let paid = Select(RecentPurchases.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.where(p.status == "paid")
      out.customerID(p.customerID)
      out.quantity(p.quantity)
    }
    let q = with {
      paid
    } select: {
      Select(RecentPurchases.self) { q, out in
        let a = q.nullable(q.from(RecentPurchases.self, as: "a"))
        let b = q.fullJoin(RecentPurchases.self, as: "b", using: \.customerID)
        // Set in another order than declared: the SQL follows the declaration.
        out.quantity(coalesce(a.quantity, b.quantity, 0))
        out.customerID(coalesce(a.customerID, b.customerID))
      }
      .unionAll(
        Select(RecentPurchases.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          out.customerID(p.customerID)
          out.quantity(p.quantity)
        })
    }
    assertSnapshot(select(q), named: "Constructs/full-join-using-union-all.sql")
  }

  @Test func commonTableExpressions() {
    let q = with {
      Select(RecentPurchases.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.where(p.status == "paid")
        out.customerID(p.customerID)
        out.quantity(p.quantity)
      }
    } select: {
      Select(CustomerTotals.self) { q, out in
        let r = q.from(RecentPurchases.self, as: "r")
        q.groupBy(r.customerID)
        out.customerID(r.customerID)
        out.purchases(count())
        out.revenue(sum(r.quantity).cast(to: PG.Numeric.self))
      }
    }
    assertSnapshot(select(q), named: "Constructs/with.sql")
  }

  @Test func commonTableMaterialization() {
    func cte(_ q: Select<RecentPurchases>) -> String {
      let sql = select(
        with {
          q
        } select: {
          Select(RecentPurchases.self) { q, out in
            let r = q.from(RecentPurchases.self, as: "r")
            out.customerID(r.customerID)
            out.quantity(r.quantity)
          }
        })
      return String(sql.split(separator: "\n").first ?? "")
    }
    let paid = Select(RecentPurchases.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      out.customerID(p.customerID)
      out.quantity(p.quantity)
    }
    #expect(cte(paid) == "WITH recent_purchases AS (")
    #expect(cte(paid.notMaterialized()) == "WITH recent_purchases AS NOT MATERIALIZED (")
    #expect(cte(paid.materialized()) == "WITH recent_purchases AS MATERIALIZED (")
  }

  @Test func materializedViewAndIndexes() throws {
    let statements: [any SQLStatement] = [
      CreateExtension("pg_cron", schema: "pg_catalog"),
      Drop.materializedView(CustomerTotals.self),
      CreateMaterializedView(CustomerTotals.self, withData: false) {
        Select(CustomerTotals.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.groupBy(p.customerID)
          out.customerID(p.customerID)
          out.purchases(count())
          out.revenue(sum(p.unitPrice))
        }
      },
      uniqueIndex(
        "customer_totals_key", on: CustomerTotals.self, \.customerID, nullsNotDistinct: true),
      index("customer_totals_revenue", on: CustomerTotals.self, \.revenue),
      partialUniqueIndex(
        "customer_totals_known", on: CustomerTotals.self, \.customerID,
        where: { $0.customerID.isNotNull }),
      RefreshMaterializedView(CustomerTotals.self, concurrently: true),
      CommentOn.materializedView(
        CustomerTotals.self, "Totals per customer; it's refreshed nightly."),
    ]
    assertSnapshot(
      try statements.map { try render($0) }.joined(separator: "\n"),
      named: "Constructs/materialized-view.sql")
  }

  @Test func functionGrantsAndCron() throws {
    let refresh = Function("shop", "refresh_customer_totals")
    let statements: [any SQLStatement] = [
      CreateFunction(refresh, returns: .void, security: .definer, settings: [.emptySearchPath]) {
        _ in
        If(!tryAdvisoryXactLock(.constant(42))) {
          Return()
        }
        If(exists { q in q.where(q.from(PGClass.self, as: "k").relispopulated) }) {
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
      try statements.map { try render($0) }.joined(separator: "\n"),
      named: "Constructs/function-grants-cron.sql")
  }

  @Test func transactionAndComments() throws {
    let script = Transaction {
      Comment("Two lines\nof comment.")
      Drop.materializedView(CustomerTotals.self)
      Grant(.select, on: .table(CustomerTotals.self), to: .serviceRole)
    }
    assertSnapshot(try render(script), named: "Constructs/transaction.sql")
  }

  @Test func quotingAndLiterals() {
    let q = Select(RegionNames.self) { q, out in
      let w = q.from(AwkwardNames.self, as: "Order Lines")
      out.region(
        Case(else: w.quoted.nullable) {
          When<PG.Text, Nullable>(w.user == "O'Brien" && w.mixedCase + w.spaced > 3, then: .null)
        })
    }
    assertSnapshot(select(q), named: "Constructs/quoting.sql")
  }
}
