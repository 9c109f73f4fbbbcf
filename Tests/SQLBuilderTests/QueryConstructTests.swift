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

  @Test func joinsDecideNullability() {
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
    assertQuery(
      q,
      #"""
      SELECT
        c.id AS customer_id,
        COUNT(p.id) AS purchases,
        MAX(oc.discount) AS revenue
      FROM shop.customers c
      JOIN shop.purchases p ON p.customer_id = c.id
      LEFT JOIN shop.customers oc ON oc.id = c.id AND oc.region = c.region
      WHERE NOT c.name = 'test' OR c.region IS NULL
      GROUP BY c.id
      """#)
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
    assertQuery(
      q,
      #"""
      WITH recent_purchases AS (
        SELECT
          p.customer_id,
          p.quantity
        FROM shop.purchases p
        WHERE p.status = 'paid'
      )
      SELECT
        COALESCE(a.customer_id, b.customer_id) AS customer_id,
        COALESCE(a.quantity, b.quantity, 0) AS quantity
      FROM recent_purchases a
      FULL OUTER JOIN recent_purchases b USING (customer_id)
      UNION ALL
      SELECT
        p.customer_id,
        p.quantity
      FROM shop.purchases p
      """#)
  }

  @Test func commonTableExpressions() {
    let q = with {
      Select(RecentPurchases.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.where(p.status == "paid")
        out.customerID(p.customerID)
        out.quantity(p.quantity)
      }
      .materialized()
    } select: {
      Select(CustomerTotals.self) { q, out in
        let r = q.from(RecentPurchases.self, as: "r")
        q.groupBy(r.customerID)
        out.customerID(r.customerID)
        out.purchases(count())
        out.revenue(sum(r.quantity).cast(to: PG.Numeric.self))
      }
    }
    assertQuery(
      q,
      #"""
      WITH recent_purchases AS MATERIALIZED (
        SELECT
          p.customer_id,
          p.quantity
        FROM shop.purchases p
        WHERE p.status = 'paid'
      )
      SELECT
        r.customer_id,
        COUNT(*) AS purchases,
        SUM(r.quantity)::numeric AS revenue
      FROM recent_purchases r
      GROUP BY r.customer_id
      """#)
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

  @Test func setOperators() {
    let regions = Select(RegionNames.self) { q, out in
      out.region(q.from(Customers.self, as: "c").region)
    }
    let named = Select(RegionNames.self) { q, out in
      out.region(q.from(Customers.self, as: "c").name.nullable)
    }
    assertQuery(
      regions.union(named).except(regions).intersect(named).orderBy(\.region),
      #"""
      SELECT
        c.region
      FROM shop.customers c
      UNION
      SELECT
        c.name AS region
      FROM shop.customers c
      EXCEPT
      SELECT
        c.region
      FROM shop.customers c
      INTERSECT
      SELECT
        c.name AS region
      FROM shop.customers c
      ORDER BY region
      """#)
  }

  @Test func subqueries() {
    let q = Select(CustomerTotals.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(
        c.id.in { sub in
          let p = sub.from(Purchases.self, as: "p")
          sub.where(p.quantity.between(1, and: 100))
          return p.customerID
        }
          && exists { sub in
            let p = sub.from(Purchases.self, as: "p")
            sub.where(p.customerID == c.id)
          })
      out.customerID(c.id)
      out.purchases(
        coalesce(
          scalar { sub in
            let p = sub.from(Purchases.self, as: "p")
            sub.where(p.customerID == c.id)
            return count()
          }, .constant(0)))
      out.revenue(
        scalar { sub in
          let p = sub.from(Purchases.self, as: "p")
          sub.where(p.customerID == c.id)
          return sum(p.unitPrice)
        })
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.id AS customer_id,
        COALESCE((SELECT COUNT(*) FROM shop.purchases p WHERE p.customer_id = c.id), 0) AS purchases,
        (SELECT SUM(p.unit_price) FROM shop.purchases p WHERE p.customer_id = c.id) AS revenue
      FROM shop.customers c
      WHERE c.id IN (SELECT p.customer_id FROM shop.purchases p WHERE p.quantity BETWEEN 1 AND 100) AND EXISTS (SELECT 1 FROM shop.purchases p WHERE p.customer_id = c.id)
      """#)
  }

  @Test func textAndComparisons() {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(
        c.name.ilike("a%") || c.region.isDistinct(from: c.name)
          || c.region.isNotDistinct(from: nullif(c.name, "")))
      out.region(c.name ++ " (" ++ coalesce(c.region, "none") ++ ")")
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.name || ' (' || COALESCE(c.region, 'none') || ')' AS region
      FROM shop.customers c
      WHERE c.name ILIKE 'a%' OR c.region IS DISTINCT FROM c.name OR c.region IS NOT DISTINCT FROM NULLIF(c.name, '')
      """#)
  }

  @Test func datesAndIntervals() {
    let q = Select(DayFacts.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let placed = coalesce(p.placedAt, now())
      q.where(placed > now() - interval(days: 30) && placed.cast(to: PG.Date.self) <= currentDate)
      out.day(dateTrunc("day", placed).cast(to: PG.Date.self) + 1)
      out.hour(extract(.hour, from: placed))
      out.age(now() - placed)
      out.daysAgo(currentDate - placed.cast(to: PG.Date.self))
      out.latest(greatest(placed, now() - interval(hours: 1)))
    }
    assertQuery(
      q,
      #"""
      SELECT
        date_trunc('day', COALESCE(p.placed_at, now()))::date + 1 AS day,
        EXTRACT(HOUR FROM COALESCE(p.placed_at, now())) AS hour,
        now() - COALESCE(p.placed_at, now()) AS age,
        CURRENT_DATE - COALESCE(p.placed_at, now())::date AS days_ago,
        GREATEST(COALESCE(p.placed_at, now()), now() - '1 hours'::interval) AS latest
      FROM shop.purchases p
      WHERE COALESCE(p.placed_at, now()) > now() - '30 days'::interval AND COALESCE(p.placed_at, now())::date <= CURRENT_DATE
      """#)
  }

  @Test func aggregates() {
    let q = Select(Averages.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.buyers(count(distinct: p.status))
      out.averageQuantity(avg(p.quantity))
      out.allPaid(boolAnd(p.status == "paid"))
    }
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        COUNT(DISTINCT p.status) AS buyers,
        AVG(p.quantity) AS average_quantity,
        BOOL_AND(p.status = 'paid') AS all_paid
      FROM shop.purchases p
      GROUP BY p.customer_id
      """#)
  }

  @Test func windowFunctions() {
    // Each customer's share of all purchases: an aggregate over the groups, computed once.
    let q = Select(Shares.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupBy(p.customerID)
      out.customerID(p.customerID)
      out.position(rowNumber().over { w in w.orderBy(count().descending()) })
      out.share(count().cast(to: PG.Numeric.self) / sum(count()).over())
      out.runningTotal(
        sum(sum(p.quantity)).over { w in
          w.orderBy(p.customerID)
          w.rows(from: .unboundedPreceding, to: .currentRow)
        })
    }
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        row_number() OVER (ORDER BY COUNT(*) DESC) AS position,
        COUNT(*)::numeric / SUM(COUNT(*)) OVER () AS share,
        SUM(SUM(p.quantity)) OVER (ORDER BY p.customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_total
      FROM shop.purchases p
      GROUP BY p.customer_id
      """#)
  }

  @Test func jsonAndArrays() {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(
        SQLExpression<PG.Text, NotNull>.text("vip").isAny(of: c.tags)
          || c.region.isAny(of: array(["EU", "US"])))
      out.region(c.profile["tier"].cast(to: PG.Text.self) ++ c.profile.text("tier"))
    }
    assertQuery(
      q,
      #"""
      SELECT
        (c.profile -> 'tier')::text || (c.profile ->> 'tier') AS region
      FROM shop.customers c
      WHERE 'vip' = ANY (c.tags) OR c.region = ANY (ARRAY['EU', 'US'])
      """#)
  }

  @Test func quotingAndLiterals() {
    let q = Select(RegionNames.self) { q, out in
      let w = q.from(AwkwardNames.self, as: "Order Lines")
      out.region(
        Case(else: w.quoted.nullable) {
          When<PG.Text, Nullable>(w.user == "O'Brien" && w.mixedCase + w.spaced > 3, then: .null)
        })
    }
    assertQuery(
      q,
      #"""
      SELECT
        CASE WHEN "Order Lines"."user" = 'O''Brien' AND "Order Lines"."MixedCase" + "Order Lines"."unit price" > 3 THEN NULL::text ELSE "Order Lines"."say ""hi""" END AS region
      FROM "Reporting"."order" "Order Lines"
      """#)
  }

  @Test func aWrongTypeDeclarationIsCaughtOnPostgreSQL() {
    // abs(integer) is an integer; declared as returning text, the run on PostgreSQL says so.
    let misdeclared = SQLFunction<PG.Integer, PG.Text>("abs")
    let q = Select(RegionNames.self) { q, out in
      out.region(misdeclared(q.from(AwkwardNames.self, as: "o").mixedCase))
    }
    withKnownIssue {
      assertQuery(
        q,
        #"""
        SELECT
          abs(o."MixedCase") AS region
        FROM "Reporting"."order" o
        """#)
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("PostgreSQL's types differ") }
    }
  }
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
