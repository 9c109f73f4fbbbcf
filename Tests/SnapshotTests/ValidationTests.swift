import SQLBuilder
import StorySketch
import Testing

/// Each generation-time rule, triggered on purpose, with the message it gives.
@Suite struct ValidationTests {
  let p = Purchases.alias("p")

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
      Query(CustomerTotals.self) { out in
        out.customerID(p.customerID)
        out.purchases(count())
        out.revenue(sum(p.unitPrice))
      }.from(p).groupBy(p.customerID)
    }
  }

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
        where: CustomerTotals.unaliased.customerID.isNotNull)
      CreateFunction(FunctionSignature("shop", "refresh_totals"), returns: PG.Void.self) {
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
        Query(Duplicated.self) { out in
          out.first(p.quantity)
          out.second(p.quantity)
        }.from(p)
      }
    }
    #expect(
      found.contains("materialized view dup: output column \"quantity\" appears more than once"))
  }

  @Test func selectListThatSkipsADeclaredColumn() {
    let found = diagnostics {
      CreateMaterializedView(CustomerTotals.self) {
        Query(CustomerTotals.self) { out in
          out.customerID(p.customerID)
          out.revenue(sum(p.unitPrice))
        }.from(p).groupBy(p.customerID)
      }
    }
    #expect(
      found == [
        "materialized view shop.customer_totals: selects (customer_id, revenue) but customer_totals declares (customer_id, purchases, revenue), in that order"
      ])
  }

  @Test func columnMissingFromGroupBy() {
    let found = diagnostics {
      CreateMaterializedView(CustomerTotals.self) {
        Query(CustomerTotals.self) { out in
          out.customerID(p.customerID)
          out.purchases(count())
          out.revenue(p.unitPrice * 2)
        }.from(p).groupBy(p.customerID)
      }
    }
    #expect(
      found == [
        "materialized view shop.customer_totals: column p.unit_price in output \"revenue\" must appear in GROUP BY or be used in an aggregate"
      ])
  }

  @Test func orderByAfterUnionAllNamesOutputColumns() {
    let recent = RecentPurchases.unaliased
    let union = Query(RecentPurchases.self) { out in
      out.customerID(p.customerID)
      out.quantity(p.quantity)
    }.from(p)
    let found = diagnostics {
      CreateMaterializedView(RecentPurchases.self) {
        union.unionAll(union).orderBy(recent.customerID, p.quantity)
      }
    }
    #expect(
      found == [
        "materialized view recent_purchases: ORDER BY p.quantity after UNION ALL must name an output column of recent_purchases, unqualified"
      ])
  }

  @Test func aggregateWithoutGroupByStillNeedsGrouping() {
    let found = diagnostics {
      CreateMaterializedView(CustomerTotals.self) {
        Query(CustomerTotals.self) { out in
          out.customerID(p.customerID)
          out.purchases(count())
          out.revenue(sum(p.unitPrice))
        }.from(p)
      }
    }
    #expect(found.count == 1)
    #expect(
      found.first?.contains(
        "column p.customer_id in output \"customer_id\" must appear in GROUP BY") == true)
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
        "job", schedule: schedule, command: SelectFunction(FunctionSignature("public", "f")))
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

struct Duplicated: Relation {
  static let qualifiedName = QualifiedName("dup")
  let first = Column<PG.Integer, NotNull>("quantity")
  let second = Column<PG.Integer, NotNull>("quantity")
}
