import Testing

@testable import SQLBuilder

/// A parameter declared NOT NULL reads as NOT NULL in the body, so it goes into a NOT NULL
/// column as it is; PostgreSQL never runs the body with NULL in it.
@Suite struct NotNullParameterTests {
  struct Rename: FunctionParameters {
    let id = NotNullParameter<PG.UUID>("p_id")
    let name = NotNullParameter<PG.Text>("p_name")
  }

  struct Greeting: FunctionParameters { let name = NotNullParameter<PG.Text>("p_name") }

  static let rename = Function("shop", "rename_customer", parameters: Rename.self)
  static let greet = Function("shop", "greeting", parameters: Greeting.self)

  @Test func aPLpgSQLFunctionChecksOnEntryAndWritesTheValueAsItIs() {
    let output = assertSQL(
      [
        CreateFunction(Self.rename, returns: .void) { args in
          Update(Customers.self) { q, c, set in
            q.where(c.id == args.id)
            set.name(args.name)
          }
        }
      ],
      #"""
      CREATE OR REPLACE FUNCTION shop.rename_customer(
        p_id uuid,
        p_name text
      )
      RETURNS void
      AS $$
      BEGIN
        IF p_id IS NULL THEN
          RAISE EXCEPTION 'p_id must not be NULL' USING ERRCODE = '22004';
        END IF;
        IF p_name IS NULL THEN
          RAISE EXCEPTION 'p_name must not be NULL' USING ERRCODE = '22004';
        END IF;
        UPDATE shop.customers
        SET
          name = p_name
        WHERE customers.id = p_id;
      END;
      $$
      LANGUAGE plpgsql;
      """#,
      then: """
        SELECT shop.rename_customer(p_id => '\(ShopSchema.ada)', p_name => 'Ada L.');
        SELECT name FROM shop.customers WHERE id = '\(ShopSchema.ada)';
        DO $$
        BEGIN
          PERFORM shop.rename_customer(p_id => '\(ShopSchema.ada)', p_name => NULL);
        EXCEPTION WHEN null_value_not_allowed THEN
          RAISE NOTICE 'refused';
        END;
        $$;
        SELECT name FROM shop.customers WHERE id = '\(ShopSchema.ada)';
        """)
    #expect(output == "\nAda L.\nAda L.\n")
  }

  @Test func aSQLFunctionMustBeStrict() {
    let body = CreateFunction(
      Self.greet, returns: PG.Text.self,
      sql: { args in
        SQLExpression<PG.Text, NotNull>.text("hello ") ++ args.name
      })
    #expect(
      validate([SQLScript("greet.sql", header: []) { body }]).map(\.description) == [
        "function shop.greeting: p_name is read as NOT NULL, but a LANGUAGE sql function cannot check it; mark the function .strict() (it then returns NULL when an argument is NULL), or write it in PL/pgSQL, which checks on entry"
      ])
    let output = assertSQL(
      [body.strict()],
      #"""
      CREATE OR REPLACE FUNCTION shop.greeting(
        p_name text
      )
      RETURNS text
      AS $$
      SELECT 'hello ' || p_name;
      $$
      LANGUAGE sql
      STRICT;
      """#,
      then: """
        SELECT shop.greeting(p_name => 'Ada');
        SELECT shop.greeting(p_name => NULL) IS NULL;
        """)
    #expect(output == "hello Ada\nt\n")
  }
}
