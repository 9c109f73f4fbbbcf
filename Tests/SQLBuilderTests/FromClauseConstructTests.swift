import SQLBuilder
import Testing

/// Joins, CTEs, set operators and derived tables beside the SQL they render, run on PostgreSQL,
/// which must give each output column the DSL's type.
@Suite struct FromClauseConstructTests {
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
      (
        (
          SELECT
            c.region
          FROM shop.customers c
          UNION
          SELECT
            c.name AS region
          FROM shop.customers c
        )
        EXCEPT
        SELECT
          c.region
        FROM shop.customers c
      )
      INTERSECT
      SELECT
        c.name AS region
      FROM shop.customers c
      ORDER BY region
      """#)
  }

  @Test func derivedTablesAndLateral() {
    // Each customer with their latest purchase: LEFT JOIN LATERAL reads `c`, and keeps
    // customers without one.
    let q = Select(LatestPurchases.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      let last = q.leftJoinLateral(as: "last") {
        Select(RecentPurchases.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.where(p.customerID == c.id)
          q.orderBy(p.placedAt.descending(nulls: .last))
          q.limit(1)
          out.customerID(p.customerID)
          out.quantity(p.quantity)
        }
      }
      let paid = q.join(
        Select(RecentPurchases.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.where(p.status == "paid")
          q.groupBy(p.customerID)
          out.customerID(p.customerID)
          out.quantity(coalesce(sum(p.quantity), .constant(0)).cast(to: PG.Integer.self))
        }, as: "paid"
      ) { $0.customerID == c.id }
      out.name(c.name)
      out.lastQuantity(last.quantity)
      out.paidQuantity(paid.quantity)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.name,
        last.quantity AS last_quantity,
        paid.quantity AS paid_quantity
      FROM shop.customers c
      LEFT JOIN LATERAL (
        SELECT
          p.customer_id,
          p.quantity
        FROM shop.purchases p
        WHERE p.customer_id = c.id
        ORDER BY p.placed_at DESC NULLS LAST
        LIMIT 1
      ) last ON TRUE
      JOIN (
        SELECT
          p.customer_id,
          COALESCE(SUM(p.quantity), 0)::integer AS quantity
        FROM shop.purchases p
        WHERE p.status = 'paid'
        GROUP BY p.customer_id
      ) paid ON paid.customer_id = c.id
      """#)
  }
}
