; Spring routes whose path or handler name may mean objection, appeal, opt-out or consent
; withdrawal; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; @PostMapping("/objection")
(annotation
  name: (identifier) @_a
  arguments: (annotation_argument_list (string_literal) @fact.route.path)
  (#match? @_a "^(GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping|RequestMapping)$"))
; @PostMapping(value = "/objection") / @RequestMapping(path = "...")
(annotation
  name: (identifier) @_a
  arguments: (annotation_argument_list
    (element_value_pair key: (identifier) @_k value: (string_literal) @fact.route.path))
  (#match? @_a "^(GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping|RequestMapping)$")
  (#match? @_k "^(value|path)$"))
; the handler method of a mapping
(method_declaration
  (modifiers (annotation name: (identifier) @_a))
  name: (identifier) @fact.route.handler
  (#match? @_a "^(GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping|RequestMapping)$"))
