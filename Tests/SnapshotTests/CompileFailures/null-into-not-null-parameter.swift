// expect: cannot convert value of type 'SQLExpression<PG.UUID, Nullable>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// A NOT NULL parameter takes no nullable argument.
import SQLBuilder

struct Owner: FunctionParameters { let id = NotNullParameter<PG.UUID>("p_id") }
let ownerOf = Function("public", "owner_of", parameters: Owner.self)
let query = shops { s, q, out in
  out.visits(count())
  out.id(s.id)
  q.where(ownerOf.call(returning: PG.Boolean.self) { $0.id(s.manager) }.assumingNotNull)
}
