import Testing

@testable import SQLBuilder

/// A function that returns the rows its INSERT … ON CONFLICT, UPDATE or DELETE wrote: in
/// PL/pgSQL `RETURN QUERY` over the statement, in SQL the statement itself, every column of the
/// table returned; run on PostgreSQL.
@Suite struct ReturningFunctionTests {
  struct Upsert: FunctionParameters {
    let id = NotNullParameter<PG.UUID>("p_id")
    let name = NotNullParameter<PG.Text>("p_name")
  }

  static let upsert = Function("shop", "upsert_customer", parameters: Upsert.self)

  static let create = CreateFunction(upsert, returns: .setOf(Customers.self)) { args in
    ReturnQuery(
      Insert(into: Customers.self) { row in
        row.id(args.id)
        row.name(args.name)
      }
      .onConflict(\.id) { set, _, excluded in set.name(excluded.name) })
  }

  @Test func anUpsertReturnsTheRowsItWrote() {
    let output = assertSQL(
      [Self.create],
      #"""
      CREATE OR REPLACE FUNCTION shop.upsert_customer(
        p_id uuid,
        p_name text
      )
      RETURNS SETOF shop.customers
      AS $$
      BEGIN
        IF p_id IS NULL THEN
          RAISE EXCEPTION 'p_id must not be NULL' USING ERRCODE = '22004';
        END IF;
        IF p_name IS NULL THEN
          RAISE EXCEPTION 'p_name must not be NULL' USING ERRCODE = '22004';
        END IF;
        RETURN QUERY
        INSERT INTO shop.customers (id, name)
        VALUES
          (p_id, p_name)
        ON CONFLICT (id) DO UPDATE SET
          name = excluded.name
        RETURNING id, name, region, discount, created_at, profile, tags;
      END;
      $$
      LANGUAGE plpgsql;
      """#,
      then: """
        SELECT name, region FROM shop.upsert_customer(p_id => '\(ShopSchema.ada)', p_name => 'Ada L.');
        SELECT count(*) FROM shop.upsert_customer(
          p_id => '00000000-0000-0000-0000-0000000000cc', p_name => 'Cy');
        SELECT count(*) FROM shop.customers;
        """)
    #expect(output == "Ada L.|EU\n1\n3\n")
  }

  @Test func theRowsMustBeTheFunctionsRowType() {
    let wrong = CreateFunction(Self.upsert, returns: .setOf(Purchases.self)) { args in
      ReturnQuery(
        Insert(into: Customers.self) { row in
          row.id(args.id)
          row.name(args.name)
        })
    }
    #expect(
      validate([SQLScript("x.sql", header: []) { wrong }]).map(\.message) == [
        "RETURN QUERY returns rows of shop.customers, but the function returns SETOF shop.purchases"
      ])
  }

  static let sqlUpsert = Function("shop", "upsert_customer_sql", parameters: Upsert.self)

  @Test func aSQLFunctionReturnsTheRowsItsStatementWrote() {
    let output = assertSQL(
      [
        CreateFunction(
          Self.sqlUpsert, returnsSetOf: Customers.self,
          sql: { args in
            Insert(into: Customers.self) { row in
              row.id(args.id)
              row.name(args.name)
            }
            .onConflict(\.id) { set, _, excluded in set.name(excluded.name) }
          }
        ).strict()
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.upsert_customer_sql(
        p_id uuid,
        p_name text
      )
      RETURNS SETOF shop.customers
      AS $$
      INSERT INTO shop.customers (id, name)
      VALUES
        (p_id, p_name)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name
      RETURNING id, name, region, discount, created_at, profile, tags;
      $$
      LANGUAGE sql
      STRICT;
      """#,
      then: """
        SELECT name FROM shop.upsert_customer_sql(p_id => '\(ShopSchema.bob)', p_name => 'Bob B.');
        SELECT count(*) FROM shop.upsert_customer_sql(p_id => NULL, p_name => 'nobody');
        """)
    #expect(output == "Bob B.\n0\n")
  }
}
