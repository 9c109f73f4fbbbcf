/// `CREATE [OR REPLACE] VIEW name [WITH (options)] AS query;`
///
/// `securityInvoker` makes the view check the reader's privileges and row level security on
/// the tables it reads (PostgreSQL 15 and later), not its owner's: what Supabase recommends for
/// views in an exposed schema. `securityBarrier` keeps the reader's conditions from running
/// before the view's own.
public struct CreateView<View: Relation>: SQLStatement {
  let query: Select<View>
  let orReplace: Bool
  let securityInvoker: Bool
  let securityBarrier: Bool

  /// A view whose rows are `query`'s and whose columns `View` declares.
  public init(
    _ view: View.Type = View.self, orReplace: Bool = false, securityInvoker: Bool = false,
    securityBarrier: Bool = false, as query: () -> Select<View>
  ) {
    self.query = query()
    self.orReplace = orReplace
    self.securityInvoker = securityInvoker
    self.securityBarrier = securityBarrier
  }

  public func render(into w: inout SQLWriter) {
    var options: [String] = []
    if securityInvoker { options.append("security_invoker = true") }
    if securityBarrier { options.append("security_barrier = true") }
    var head = orReplace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW "
    head += w.name(View.qualifiedName)
    if !options.isEmpty { head += " WITH (\(options.joined(separator: ", ")))" }
    w.line(head + " AS")
    query.statement.render(into: &w)
    w.append(";")
  }
}

extension CreateView: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("view \(View.qualifiedName)") { v in
      v.name(View.qualifiedName)
      v.catalogue.defineRelation(View.qualifiedName, as: "view")
      QueryRules.check(query.statement, in: &v)
    }
  }
}
