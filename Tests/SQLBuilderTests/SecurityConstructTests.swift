import SQLBuilder
import Testing

/// Schemas, grants, row level security and policies, checked as Supabase's roles see them.
@Suite struct SecurityConstructTests {
  @Test func rowLevelSecurityWithAPolicyOnAuthUID() {
    let output = assertSQL(
      [
        CreateSchema("private"),
        Revoke(.all, on: .schema("private"), from: .public, .anon, .authenticated),
        Grant(.usage, on: .schema("shop"), to: .authenticated),
        Grant(.select, on: .table(Customers.self), to: .authenticated),
        EnableRowLevelSecurity(Customers.self),
        CreatePolicy(
          "customers see themselves", on: Customers.self, for: .select, to: .authenticated,
          using: { $0.id == authUID() }),
      ],
      #"""
      CREATE SCHEMA IF NOT EXISTS private;

      REVOKE ALL ON SCHEMA private FROM PUBLIC, anon, authenticated;

      GRANT USAGE ON SCHEMA shop TO authenticated;

      GRANT SELECT ON TABLE shop.customers TO authenticated;

      ALTER TABLE shop.customers ENABLE ROW LEVEL SECURITY;

      CREATE POLICY "customers see themselves" ON shop.customers
        FOR SELECT
        TO authenticated
        USING (customers.id = auth.uid());
      """#,
      then: """
        SET LOCAL ROLE authenticated;
        SET LOCAL request.jwt.claims = '{"sub": "\(ShopSchema.ada)", "role": "authenticated"}';
        SELECT name FROM shop.customers;
        """)
    #expect(output == "Ada\n")
  }
}
