// expect: '+' is unavailable: SQL joins texts with ||; write a ++ b
// Texts are joined with ||, which the DSL spells ++.
import SQLBuilder

let query = shops { s, q, out in
  q.where((s.name + s.name).isNull)
}
