import SQLBuilder
import Testing

/// Each generation-time rule, triggered on purpose, with the message it gives.
@Suite struct ValidationTests {

  func diagnostics(@StatementBuilder _ statements: () -> [any SQLStatement]) -> [String] {
    do {
      _ = try generate([SQLScript("test.sql", header: [], statements)])
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  var totals: CreateMaterializedView<CustomerTotals> {
    CreateMaterializedView(CustomerTotals.self) {
      Select(CustomerTotals.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.groupBy(p.customerID)
        out.customerID(p.customerID)
        out.purchases(count())
        out.revenue(sum(p.unitPrice))
      }
    }
  }

  /// The problems of one query over `Purchases p`, as a materialized view of `CustomerTotals`.
  func queryDiagnostics(_ build: (SelectBuilder, Projection<CustomerTotals>) -> Void) -> [String] {
    let view = CreateMaterializedView(CustomerTotals.self) { Select(CustomerTotals.self, build) }
    return diagnostics { view }.map {
      $0.replacingOccurrences(of: "materialized view shop.customer_totals: ", with: "")
    }
  }

  /// A handle made by another query, as a careless helper might keep one around.
  static let foreignPurchases: Source<Purchases> = {
    var handle: Source<Purchases>?
    _ = exists { q in handle = q.from(Purchases.self, as: "p") }
    return handle!
  }()

  @Test func concurrentRefreshWithoutAnyUniqueIndex() {
    let found = diagnostics {
      totals
      index("customer_totals_lookup", on: CustomerTotals.self, \.customerID)
      CronSchedule(
        "nightly", schedule: "0 3 * * *",
        command: RefreshMaterializedView(CustomerTotals.self, concurrently: true))
    }
    #expect(
      found == [
        "cron job nightly: REFRESH MATERIALIZED VIEW CONCURRENTLY shop.customer_totals needs a unique index on plain columns without WHERE; none is defined"
      ])
  }

  @Test func concurrentRefreshWithOnlyAPartialUniqueIndex() {
    let found = diagnostics {
      totals
      partialUniqueIndex(
        "customer_totals_known", on: CustomerTotals.self, \.customerID,
        where: { $0.customerID.isNotNull })
      CreateFunction(Function("shop", "refresh_totals"), returns: .void) { _ in
        RefreshMaterializedView(CustomerTotals.self, concurrently: true)
      }
    }
    #expect(found.count == 1)
    #expect(
      found.first?.hasPrefix(
        "function shop.refresh_totals: REFRESH MATERIALIZED VIEW CONCURRENTLY shop.customer_totals needs a unique index"
      ) == true)
  }

  @Test func concurrentRefreshWithAUniqueIndexPasses() {
    let found = diagnostics {
      totals
      uniqueIndex(
        "customer_totals_key", on: CustomerTotals.self, \.customerID, nullsNotDistinct: true)
      RefreshMaterializedView(CustomerTotals.self, concurrently: true)
    }
    #expect(found == [])
  }

  @Test func theUniqueIndexMayComeFromAnotherFile() throws {
    let schema = SQLScript("a.sql", header: []) {
      totals
      uniqueIndex("customer_totals_key", on: CustomerTotals.self, \.customerID)
    }
    let refresh = SQLScript("b.sql", header: []) {
      RefreshMaterializedView(CustomerTotals.self, concurrently: true)
    }
    #expect(try generate([schema, refresh]).count == 2)
    #expect(throws: SQLGenerationError.self) { try generate([refresh]) }
  }

  @Test func identifierOver63Bytes() {
    let name = String(repeating: "x", count: 64)
    let found = diagnostics {
      uniqueIndex(name, on: CustomerTotals.self, \.customerID)
    }
    #expect(
      found == [
        "index \(name): identifier \"\(name)\" is 64 bytes; PostgreSQL truncates identifiers to 63 bytes"
      ])
    let exactly63 = String(repeating: "y", count: 63)
    #expect(diagnostics { uniqueIndex(exactly63, on: CustomerTotals.self, \.customerID) } == [])
  }

  @Test func identifierLimitCountsBytesNotCharacters() {
    let name = String(repeating: "é", count: 32)  // 64 bytes in UTF-8
    #expect(diagnostics { uniqueIndex(name, on: CustomerTotals.self, \.customerID) }.count == 1)
  }

  @Test func duplicateOutputColumnNames() {
    let found = diagnostics {
      CreateMaterializedView(Duplicated.self) {
        Select(Duplicated.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          out.first(p.quantity)
          out.second(p.quantity)
        }
      }
    }
    #expect(
      found.contains("materialized view dup: output column \"quantity\" appears more than once"))
  }

  @Test func selectListThatSkipsADeclaredColumn() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.revenue(sum(p.unitPrice))
    }
    #expect(found == ["output column \"purchases\" is not set"])
  }

  @Test func selectListThatSetsAColumnTwice() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.purchases(count(p.id))
      out.revenue(sum(p.unitPrice))
    }
    #expect(found == ["output column \"purchases\" is set more than once"])
  }

  @Test func columnMissingFromGroupBy() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(p.unitPrice * 2)
    }
    #expect(
      found == [
        "column p.unit_price in output \"revenue\" must appear in GROUP BY or be used in an aggregate"
      ])
  }

  @Test func havingReadsOnlyGroupedColumns() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      q.having(count() > .constant(2) && p.status == "paid")
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(
      found == [
        "column p.status in HAVING must appear in GROUP BY or be used in an aggregate"
      ])
  }

  @Test func groupingByHashingCannotSortAnAggregatesInput() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupByHashing(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count(distinct: p.id))
      out.revenue(sum(p.unitPrice))
    }
    #expect(
      found == [
        "aggregate COUNT(DISTINCT p.id) sorts its input, which a grouping by hashing (groupByHashing) cannot do: PostgreSQL fails with \"could not implement GROUP BY\""
      ])
  }

  @Test func aggregateWithoutGroupByStillNeedsGrouping() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(
      found == [
        "column p.customer_id in output \"customer_id\" must appear in GROUP BY or be used in an aggregate"
      ])
  }

  @Test func aggregatesOutsideTheSelectListAndHaving() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      let c = q.join(Customers.self, as: "c") { $0.id == p.customerID && count() > .constant(0) }
      q.where(sum(p.quantity) > .constant(1))
      q.groupBy(c.id, p.customerID, max(p.status))
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(sum(p.unitPrice)))
    }
    #expect(
      found == [
        "aggregate COUNT(*) is not allowed in ON of JOIN c",
        "aggregate SUM(p.quantity) is not allowed in WHERE",
        "aggregate MAX(p.status) is not allowed in GROUP BY",
        "aggregate SUM(p.unit_price) is nested in another aggregate",
      ])
  }

  @Test func aColumnOfASourceTheQueryDoesNotRead() {
    let stray = Self.foreignPurchases
    let found = queryDiagnostics { q, out in
      let c = q.from(Customers.self, as: "c")
      q.groupBy(c.id)
      out.customerID(c.id)
      out.purchases(count(stray.id))
      out.revenue(sum(stray.unitPrice))
    }
    #expect(
      found == [
        "output \"purchases\" reads p.id, but p is not a source of this query at that point",
        "output \"revenue\" reads p.unit_price, but p is not a source of this query at that point",
      ])
  }

  @Test func aJoinConditionReadingASourceJoinedAfterIt() {
    let early = Self.foreignPurchases
    let found = queryDiagnostics { q, out in
      let c = q.from(Customers.self, as: "c")
      q.leftJoin(Customers.self, as: "c2") { $0.id == early.customerID }
      let p = q.join(Purchases.self, as: "p") { $0.customerID == c.id }
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(
      found == [
        "ON of LEFT JOIN c2 reads p.customer_id, but p is not a source of this query at that point"
      ])
  }

  @Test func duplicateAliases() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.join(Purchases.self, as: "p") { $0.id == p.id }
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(found == ["p appears twice in one FROM clause; give each source its own alias"])
  }

  @Test func aCommonTableReadWithoutWith() {
    let found = queryDiagnostics { q, out in
      let r = q.from(RecentPurchases.self, as: "r")
      q.groupBy(r.customerID)
      out.customerID(r.customerID)
      out.purchases(count())
      out.revenue(sum(r.quantity).cast(to: PG.Numeric.self))
    }
    #expect(found == ["reads CTE recent_purchases, which no WITH defines before this query"])
  }

  @Test func aCommonTableReadBeforeItsDefinition() {
    let recent = Select(RecentPurchases.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      out.customerID(p.customerID)
      out.quantity(p.quantity)
    }
    let earlier = Select(RegionTotals.self) { q, out in
      let r = q.from(RecentPurchases.self, as: "r")
      q.groupBy(r.customerID)
      out.customerID(r.customerID)
    }
    let found = diagnostics {
      CreateMaterializedView(RecentPurchases.self) {
        with {
          earlier
          recent
        } select: {
          Select(RecentPurchases.self) { q, out in
            let t = q.from(RegionTotals.self, as: "t")
            let r = q.join(RecentPurchases.self, as: "r") { $0.customerID == t.customerID }
            out.customerID(t.customerID)
            out.quantity(r.quantity)
          }
        }
      }
    }
    #expect(
      found == [
        "materialized view recent_purchases, CTE region_totals: reads CTE recent_purchases, which no WITH defines before this query"
      ])
  }

  @Test func outerJoinsMakeEarlierSourcesNullable() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      let c = q.fullJoin(Customers.self, as: "c") { $0.id == p.customerID }
      q.groupBy(c.id)
      out.customerID(c.id)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(
      found == [
        "output \"revenue\" reads p.unit_price as NOT NULL, but an outer join makes p nullable; read it through q.nullable(p)"
      ])
    let fixed = queryDiagnostics { q, out in
      let p = q.nullable(q.from(Purchases.self, as: "p"))
      let c = q.fullJoin(Customers.self, as: "c") { $0.id == p.customerID }
      q.groupBy(c.id)
      out.customerID(c.id)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(fixed == [])
  }

  @Test func aCorrelatedSubqueryMayReadTheEnclosingQuery() {
    let found = queryDiagnostics { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.where(
        exists { sub in
          let c = sub.from(Customers.self, as: "c")
          sub.where(c.id == p.customerID && c.region.isNotNull)
        })
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(p.unitPrice))
    }
    #expect(found == [])
  }

  @Test(
    arguments: [
      ("*/5 * * * *", nil),
      ("0 3 * * 1-5", nil),
      ("15,45 */2 1 1,6,12 0", nil),
      ("30 seconds", nil),
      ("*/5 * * *", "expected 5 fields, found 4"),
      ("60 * * * *", "minute field '60': 60 is outside 0-59"),
      ("* 24 * * *", "hour field '24': 24 is outside 0-23"),
      ("* * 0 * *", "day of month field '0': 0 is outside 1-31"),
      ("* * * 13 *", "month field '13': 13 is outside 1-12"),
      ("*/0 * * * *", "minute field '*/0': step must be a positive number"),
      ("5-1 * * * *", "minute field '5-1': range '5-1' runs backwards"),
      ("every 5 minutes * *", "minute field 'every': 'every' is not a number"),
      ("90 seconds", "seconds must be 1 to 59"),
    ] as [(String, String?)])
  func cronSchedules(schedule: String, problem: String?) {
    let found = diagnostics {
      CronSchedule(
        "job", schedule: schedule, command: SelectFunction(Function("public", "f")))
    }
    #expect(
      found == (problem.map { ["cron job job: invalid cron schedule '\(schedule)': \($0)"] } ?? []))
  }

  @Test func everyProblemIsReportedAtOnce() {
    let found = diagnostics {
      CronSchedule(
        "job", schedule: "bad",
        command: RefreshMaterializedView(CustomerTotals.self, concurrently: true))
      uniqueIndex(String(repeating: "z", count: 70), on: Purchases.self, \.id)
    }
    #expect(found.count == 3)
  }
}

struct RegionTotals: CommonTable {
  static let qualifiedName = QualifiedName("region_totals")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
}

struct Duplicated: Relation {
  static let qualifiedName = QualifiedName("dup")
  let first = Column<PG.Integer, NotNull>("quantity")
  let second = Column<PG.Integer, NotNull>("quantity")
}
