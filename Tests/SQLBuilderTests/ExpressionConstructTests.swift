import SQLBuilder
import Testing

/// Expressions (text, dates, aggregates, windows, jsonb, subqueries) beside the SQL they render,
/// run on PostgreSQL, which must give each output column the DSL's type.
@Suite struct ExpressionConstructTests {
  @Test func existsOverAWholeQuery() {
    // EXISTS over a UNION that reads the enclosing query's source.
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      let paid = Select(RegionNames.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.where(p.customerID == c.id && p.status == "paid")
        out.region(p.status.nullable)
      }
      let open = Select(RegionNames.self) { q, out in
        let p = q.from(Purchases.self, as: "p")
        q.where(p.customerID == c.id && p.status == "open")
        out.region(p.status.nullable)
      }
      q.where(exists(paid.union(open)))
      out.region(c.region)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.region
      FROM shop.customers c
      WHERE EXISTS (
        SELECT
          p.status AS region
        FROM shop.purchases p
        WHERE p.customer_id = c.id AND p.status = 'paid'
        UNION
        SELECT
          p.status AS region
        FROM shop.purchases p
        WHERE p.customer_id = c.id AND p.status = 'open'
      )
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
      WHERE COALESCE(p.placed_at, now()) > now() - '30 days'::interval
        AND COALESCE(p.placed_at, now())::date <= CURRENT_DATE
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

  @Test func groupingByHashing() {
    // A constant xid, hashable but not sortable, among the keys: the groups are hashed.
    let q = Select(Averages.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.groupByHashing(p.customerID)
      out.customerID(p.customerID)
      out.buyers(count())
      out.averageQuantity(avg(p.quantity))
      out.allPaid(boolAnd(p.status == "paid"))
    }
    assertQuery(
      q,
      #"""
      SELECT
        p.customer_id,
        COUNT(*) AS buyers,
        AVG(p.quantity) AS average_quantity,
        BOOL_AND(p.status = 'paid') AS all_paid
      FROM shop.purchases p
      GROUP BY p.customer_id, '0'::xid
      """#)
  }

  @Test func groupingByHashingOnAKeyTheRowsCarry() {
    // The key as a column of every stacked branch: PostgreSQL reads it as it is, where the
    // constant of groupByHashing(_:) is added to every row above the UNION ALL.
    let keyed = Select(KeyedCustomers.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      out.customerID(p.customerID)
      out.hashKey(hashOnlyKey)
    }
    let q = Select(CustomerCounts.self) { q, out in
      let k = q.from(keyed.unionAll(keyed), as: "k")
      q.groupByHashing(on: k.hashKey, k.customerID)
      out.customerID(k.customerID)
      out.rows(count())
    }
    assertQuery(
      q,
      #"""
      SELECT
        k.customer_id,
        COUNT(*) AS rows
      FROM (
        SELECT
          p.customer_id,
          '0'::xid AS hash_key
        FROM shop.purchases p
        UNION ALL
        SELECT
          p.customer_id,
          '0'::xid AS hash_key
        FROM shop.purchases p
      ) k
      GROUP BY k.customer_id, k.hash_key
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
      WHERE c.id IN (SELECT p.customer_id FROM shop.purchases p WHERE p.quantity BETWEEN 1 AND 100)
        AND EXISTS (SELECT 1 FROM shop.purchases p WHERE p.customer_id = c.id)
      """#)
  }

  @Test func anyOfASubquery() {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(
        c.id.isAny { sub in
          let p = sub.from(Purchases.self, as: "p")
          sub.where(p.quantity > 0)
          return p.customerID
        })
      out.region(c.region)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.region
      FROM shop.customers c
      WHERE c.id = ANY (ARRAY((SELECT p.customer_id FROM shop.purchases p WHERE p.quantity > 0)))
      """#)
  }

  @Test func aWrongTypeDeclarationIsCaughtOnPostgreSQL() throws {
    // abs(integer) is an integer; declared as returning text, PostgreSQL says otherwise: both
    // the catalog check and the view's column type.
    let misdeclared = SQLFunction<PG.Integer, PG.Text>("abs")
    let cluster = try ShopDatabase.shared.get().cluster
    #expect(
      try cluster.functionDeclarationProblems(
        [(misdeclared.declaration.regprocedure, misdeclared.declaration.result)])
        == ["abs(integer): PostgreSQL's returns integer, not text"])
    let q = Select(RegionNames.self) { q, out in
      out.region(misdeclared(q.from(AwkwardNames.self, as: "o").mixedCase))
    }
    let types = try ShopDatabase.shared.get().run(
      """
      CREATE TEMPORARY VIEW misdeclared AS
      \(try renderQuery(q));
      SELECT format_type(atttypid, atttypmod) FROM pg_attribute
      WHERE attrelid = 'misdeclared'::regclass AND attnum > 0;
      """)
    #expect(types == "integer\n")
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
        CASE
          WHEN "Order Lines"."user" = 'O''Brien'
            AND "Order Lines"."MixedCase" + "Order Lines"."unit price" > 3
            THEN NULL::text
          ELSE "Order Lines"."say ""hi"""
        END AS region
      FROM "Reporting"."order" "Order Lines"
      """#)
  }
}

struct KeyedCustomers: Relation {
  static let qualifiedName = QualifiedName("keyed_customers")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let hashKey = Column<PG.Xid, NotNull>("hash_key")
}

struct CustomerCounts: Relation {
  static let qualifiedName = QualifiedName("customer_counts")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let rows = Column<PG.BigInt, NotNull>("rows")
}
