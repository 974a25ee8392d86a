; Module::Class.new(...), client.method(...), client.method do … end
(call) @call
