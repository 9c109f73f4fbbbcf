import SQLBuilder
import Testing

/// INSERT, UPDATE, DELETE and TRUNCATE beside the SQL they render, run on PostgreSQL.
@Suite struct DMLConstructTests {
  static let ada = SQLExpression<PG.Text, NotNull>.text(ShopSchema.ada).cast(to: PG.UUID.self)

  @Test func insertValuesOnConflictAndReturning() {
    let upsert = Insert(into: Customers.self) { row in
      row.id(Self.ada)
      row.name("Ada Lovelace")
      row.region("UK")
    }
    .onConflict(\.id) { set, existing, excluded in
      set.name(excluded.name)
      set.region(coalesce(excluded.region, existing.region))
    }
    .returning(\.id, \.name)
    let output = assertSQL(
      [
        upsert,
        Insert(into: Customers.self) { row in
          row.id(Self.ada)
          row.name("ignored")
        }
        .onConflictDoNothing(\.id),
      ],
      #"""
      INSERT INTO shop.customers (id, name, region)
      VALUES
        ('00000000-0000-0000-0000-00000000000a'::uuid, 'Ada Lovelace', 'UK')
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name,
        region = COALESCE(excluded.region, customers.region)
      RETURNING id, name;

      INSERT INTO shop.customers (id, name)
      VALUES
        ('00000000-0000-0000-0000-00000000000a'::uuid, 'ignored')
      ON CONFLICT (id) DO NOTHING;
      """#,
      then: "SELECT name || ' ' || region FROM shop.customers WHERE id = '\(ShopSchema.ada)';")
    #expect(output == "\(ShopSchema.ada)|Ada Lovelace\nAda Lovelace UK\n")
  }

  @Test func insertSelect() {
    let output = assertSQL(
      [
        Insert(
          into: Purchases.self,
          Select(PurchaseRows.self) { q, out in
            let p = q.from(Purchases.self, as: "p")
            q.where(p.status == "paid")
            out.customerID(p.customerID)
            out.quantity(p.quantity * 2)
            out.unitPrice(p.unitPrice)
            out.status("refund")
            out.placedAt(now())
          })
      ],
      #"""
      INSERT INTO shop.purchases (customer_id, quantity, unit_price, status, placed_at)
      SELECT
        p.customer_id,
        p.quantity * 2 AS quantity,
        p.unit_price,
        'refund' AS status,
        now() AS placed_at
      FROM shop.purchases p
      WHERE p.status = 'paid';
      """#,
      then: "SELECT count(*) FROM shop.purchases WHERE status = 'refund';")
    #expect(output == "2\n")
  }

  @Test func updateFromAndDeleteUsing() {
    let output = assertSQL(
      [
        Update(Purchases.self, as: "p") { q, p, set in
          let c = q.from(Customers.self, as: "c")
          q.where(c.id == p.customerID && c.region == "EU")
          set.unitPrice(p.unitPrice * 2)
          set.status("repriced")
        }
        .returning(\.unitPrice),
        Delete(from: Purchases.self, as: "p") { q, p in
          let c = q.from(Customers.self, as: "c")
          q.where(c.id == p.customerID && c.region.isNull)
        },
        Truncate(Scratch.self),
      ],
      #"""
      UPDATE shop.purchases p
      SET
        unit_price = p.unit_price * 2,
        status = 'repriced'
      FROM shop.customers c
      WHERE c.id = p.customer_id AND c.region = 'EU'
      RETURNING unit_price;

      DELETE FROM shop.purchases p
      USING shop.customers c
      WHERE c.id = p.customer_id AND c.region IS NULL;

      TRUNCATE shop.scratch;
      """#,
      given: [CreateTable(Scratch.self)],
      then: "SELECT status || ' ' || unit_price FROM shop.purchases;")
    #expect(output == "19.0\nrepriced 19.0\n")
  }
}

extension DMLConstructTests {
  /// The purchases a DELETE takes, as a CTE.
  struct TakenPurchases: CommonTable {
    static let qualifiedName = QualifiedName("taken")
    let customerID = Column<PG.UUID, Nullable>("customer_id")
    let quantity = Column<PG.Integer, NotNull>("quantity")
  }

  /// What the INSERT writes: one note per customer.
  struct ScratchNotes: Relation {
    static let qualifiedName = QualifiedName("scratch_notes")
    let note = Column<PG.Text, Nullable>("note")
  }

  @Test func dataModifyingCommonTables() {
    let move = with {
      Delete(from: Purchases.self, as: "p") { q, p in q.where(p.status == "paid") }
        .returning(as: TakenPurchases.self)
    } insert: {
      Insert(
        into: Scratch.self,
        Select(ScratchNotes.self) { q, out in
          let t = q.from(TakenPurchases.self, as: "t")
          q.groupBy(t.customerID)
          out.note(
            t.customerID.cast(to: PG.Text.self) ++ " took "
              ++ sum(t.quantity).cast(to: PG.Text.self))
        })
    }
    let output = assertSQL(
      [move],
      #"""
      WITH taken AS (
        DELETE FROM shop.purchases p
        WHERE p.status = 'paid'
        RETURNING customer_id, quantity
      )
      INSERT INTO shop.scratch (note)
      SELECT
        t.customer_id::text || ' took ' || SUM(t.quantity)::text AS note
      FROM taken t
      GROUP BY t.customer_id;
      """#,
      given: [CreateTable(Scratch.self)],
      then: """
        SELECT count(*) FROM shop.purchases WHERE status = 'paid';
        SELECT note FROM shop.scratch ORDER BY note;
        """)
    #expect(output == "0\n\(ShopSchema.ada) took 2\n\(ShopSchema.bob) took 2\n")
  }

  /// A CTE that declares no columns: its DELETE returns nothing.
  struct EmptiedPurchases: CommonTable {
    static let qualifiedName = QualifiedName("emptied")
  }

  /// A DELETE in WITH that returns nothing, beside a query of the table it empties: one
  /// snapshot, so the query reads exactly the rows the DELETE takes.
  @Test func dataModifyingCommonTableWithoutColumns() {
    let move = with {
      Delete(from: Purchases.self, as: "p") { q, p in q.where(p.status == "paid") }
        .returning(as: EmptiedPurchases.self)
    } insert: {
      Insert(
        into: Scratch.self,
        Select(ScratchNotes.self) { q, out in
          let p = q.from(Purchases.self, as: "p")
          q.where(p.status == "paid")
          q.groupBy(p.customerID)
          out.note(
            p.customerID.cast(to: PG.Text.self) ++ " took "
              ++ sum(p.quantity).cast(to: PG.Text.self))
        })
    }
    let output = assertSQL(
      [move],
      #"""
      WITH emptied AS (
        DELETE FROM shop.purchases p
        WHERE p.status = 'paid'
      )
      INSERT INTO shop.scratch (note)
      SELECT
        p.customer_id::text || ' took ' || SUM(p.quantity)::text AS note
      FROM shop.purchases p
      WHERE p.status = 'paid'
      GROUP BY p.customer_id;
      """#,
      given: [CreateTable(Scratch.self)],
      then: """
        SELECT count(*) FROM shop.purchases WHERE status = 'paid';
        SELECT note FROM shop.scratch ORDER BY note;
        """)
    #expect(output == "0\n\(ShopSchema.ada) took 2\n\(ShopSchema.bob) took 2\n")
  }
}

struct Scratch: Relation {
  static let qualifiedName = QualifiedName("shop", "scratch")
  let note = Column<PG.Text, Nullable>("note")
}
