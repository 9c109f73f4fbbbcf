import SQLBuilder
import Testing

/// Each query construct: the Swift, the SQL it renders beside it, and a run on PostgreSQL that
/// checks PostgreSQL accepts it and types every output column as the DSL does.
@Suite struct QueryConstructTests {
  @Test func theReadmeExample() {
    let q = Select(CustomerTotals.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      let p = q.leftJoin(Purchases.self, as: "p") { $0.customerID == c.id }
      q.groupBy(c.id)
      q.having(count(p.id) > .constant(0))
      out.customerID(c.id)
      out.purchases(count(p.id))
      out.revenue(sum(p.quantity * p.unitPrice))
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.id AS customer_id,
        COUNT(p.id) AS purchases,
        SUM(p.quantity * p.unit_price) AS revenue
      FROM shop.customers c
      LEFT JOIN shop.purchases p ON p.customer_id = c.id
      GROUP BY c.id
      HAVING COUNT(p.id) > 0
      """#)
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
    assertQuery(
      q,
      #"""
      SELECT
        c.id AS customer_id,
        COUNT(*) AS purchases,
        SUM(COALESCE(c.discount, c.discount, 0)) AS revenue
      FROM shop.customers c
      GROUP BY c.id
      """#)
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
    assertQuery(
      q,
      #"""
      SELECT
        CASE WHEN c.region IS NULL THEN 'unknown' WHEN c.region = '' THEN 'blank' ELSE c.region END AS region
      FROM shop.customers c
      """#)
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
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        SUM(p.quantity)::bigint AS purchases,
        SUM(p.quantity * p.unit_price - p.unit_price / 2.0 * (p.unit_price - 1)) AS revenue
      FROM shop.purchases p
      GROUP BY p.customer_id
      """#)
  }

  @Test func orderByAndCastOfCase() {
    // A cast of a CASE is parenthesized.
    let q = Select(CustomerTotals.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let paidQuantity = Case { When(p.status == "paid", then: p.quantity) }
      q.groupBy(p.customerID)
      q.orderBy(p.customerID.descending(nulls: .last), count().ascending())
      out.customerID(p.customerID)
      out.purchases(count())
      out.revenue(sum(paidQuantity.cast(to: PG.Numeric.self)))
    }
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        COUNT(*) AS purchases,
        SUM((CASE WHEN p.status = 'paid' THEN p.quantity END)::numeric) AS revenue
      FROM shop.purchases p
      GROUP BY p.customer_id
      ORDER BY p.customer_id DESC NULLS LAST, COUNT(*)
      """#)
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
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        COUNT(*) FILTER (WHERE p.status = 'paid' AND (p.placed_at AT TIME ZONE 'America/New_York')::date IS NOT NULL) AS purchases,
        SUM(p.unit_price) FILTER (WHERE p.status IN ('paid', 'shipped')) AS revenue
      FROM shop.purchases p
      WHERE p.placed_at IS NOT NULL
      GROUP BY p.customer_id
      """#)
  }

  @Test func atAFixedOffset() throws {
    // An interval is a UTC offset, east positive: 03:00 UTC is still the evening before at
    // UTC-4 (New York's summer) and already the morning at UTC+9 (Tokyo).
    let q = Select(OffsetDays.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      out.behind(p.placedAt.atTimeZone(interval(hours: -4)).cast(to: PG.Date.self))
      out.ahead(p.placedAt.atTimeZone(interval(hours: 9)).cast(to: PG.Date.self))
    }
    assertQuery(
      q,
      #"""
      SELECT
        (p.placed_at AT TIME ZONE '-4 hours'::interval)::date AS behind,
        (p.placed_at AT TIME ZONE '9 hours'::interval)::date AS ahead
      FROM shop.purchases p
      """#)
    let dates = try ShopDatabase.shared.get().run(
      """
      TRUNCATE shop.purchases CASCADE;
      INSERT INTO shop.purchases (quantity, unit_price, placed_at) VALUES (1, 1, '2024-06-01 03:00Z');
      \(try renderQuery(q));
      """)
    #expect(dates == "2024-05-31|2024-06-01\n")
  }

  @Test func distinctHavingLimitOffset() {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.groupBy(c.region)
      q.having(count() > .constant(0) && boolOr(c.name.like("A%")).isNotNull)
      q.orderBy(c.region)
      q.limit(10)
      q.offset(1)
      out.distinct()
      out.region(c.region)
    }
    assertQuery(
      q,
      #"""
      SELECT DISTINCT
        c.region
      FROM shop.customers c
      GROUP BY c.region
      HAVING COUNT(*) > 0 AND BOOL_OR(c.name LIKE 'A%') IS NOT NULL
      ORDER BY c.region
      LIMIT 10
      OFFSET 1
      """#)
  }

  @Test func passThroughColumnsAreATypedSelectStar() {
    // Every column of the output taken from the source of the same relation: SELECT c.*,
    // spelled out; `columns(of:)` fills only what is not set otherwise.
    let everyone = Select(Customers.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      out.columns(of: c)
      out.name(upper(c.name))
    }
    assertQuery(
      everyone,
      #"""
      SELECT
        c.id,
        upper(c.name) AS name,
        c.region,
        c.discount,
        c.created_at,
        c.profile,
        c.tags
      FROM shop.customers c
      """#)
  }

  @Test func aQueryAsAStatement() {
    let output = assertSQL(
      [
        Select(RegionNames.self) { q, out in
          let c = q.from(Customers.self, as: "c")
          q.orderBy(c.name)
          out.region(c.name.nullable)
        }
      ],
      #"""
      SELECT
        c.name AS region
      FROM shop.customers c
      ORDER BY c.name;
      """#)
    #expect(output == "Ada\nBob\n")
  }
}

let upper = SQLFunction<PG.Text, PG.Text>("upper")

struct LatestPurchases: Relation {
  static let qualifiedName = QualifiedName("latest_purchases")
  let name = Column<PG.Text, NotNull>("name")
  let lastQuantity = Column<PG.Integer, Nullable>("last_quantity")
  let paidQuantity = Column<PG.Integer, NotNull>("paid_quantity")
}

struct OffsetDays: Relation {
  static let qualifiedName = QualifiedName("offset_days")
  let behind = Column<PG.Date, Nullable>("behind")
  let ahead = Column<PG.Date, Nullable>("ahead")
}

struct DayFacts: Relation {
  static let qualifiedName = QualifiedName("day_facts")
  let day = Column<PG.Date, NotNull>("day")
  let hour = Column<PG.Numeric, NotNull>("hour")
  let age = Column<PG.Interval, NotNull>("age")
  let daysAgo = Column<PG.Integer, NotNull>("days_ago")
  let latest = Column<PG.TimestampTZ, NotNull>("latest")
}

struct Averages: Relation {
  static let qualifiedName = QualifiedName("averages")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let buyers = Column<PG.BigInt, NotNull>("buyers")
  let averageQuantity = Column<PG.Numeric, Nullable>("average_quantity")
  let allPaid = Column<PG.Boolean, Nullable>("all_paid")
}

struct Shares: Relation {
  static let qualifiedName = QualifiedName("shares")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let position = Column<PG.BigInt, NotNull>("position")
  let share = Column<PG.Numeric, Nullable>("share")
  let runningTotal = Column<PG.Numeric, Nullable>("running_total")
}
