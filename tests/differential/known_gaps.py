"""Disagreement classes the analyzer does not get right yet, each with a one-line reason.

Keys are class keys as `differential.report.class_key` prints them:
`<verdict>/<runtime result>/<failed operation or reported codes>/<program shape>/<read style>`.
tests/test_differential.py fails on a disagreement whose class is not listed here, and on an entry that the
fixed-seed run no longer produces.
"""

KNOWN_GAPS: dict[str, str] = {
    'miss/DetachedInstanceError/refresh-expired/decorator/sorted_key':
        'unexplained so far (diff); shrunk program needs: async load:select loader:defaultload loader:defer loader:selectinload loader:subqueryload loader:undefer loader_depth:2 loader_depth:3 op:expire query:select r',
    'miss/DetachedInstanceError/deferred-load/inline/container':
        'D5: MappedAsDataclass repr()/asdict() read deferred columns and relationships; shrunk program needs: async model:dataclass read:dataclass_repr read:repr session:AsyncSession(engine) session:async',
    'miss/DetachedInstanceError/refresh-expired/helper_return/attribute_store':
        'unexplained so far (diff); shrunk program needs: load:select loader:selectinload loader_depth:1 modules:models modules:multi op:refresh op:refresh_names query:select read:python_default read_style:attribute_s',
    'miss/DetachedInstanceError/refresh-expired/helper_return/map':
        'unexplained so far (diff); shrunk program needs: after_scope:make_transient load:multi_entity loader:defaultload loader:joinedload loader:undefer_group loader_depth:3 model:bidirectional_back_populates op:com',
    'miss/InvalidRequestError/not-persistent/generator/container':
        'D3: instances yielded from inside a session scope, scope ends at exhaustion, not tracked; shrunk program needs: after_scope:refresh load:query loader:joinedload loader:lazyload loader_depth:2 query:legacy shape:generator',
    'false_alarm/clean/SQS101/helper_return/executor':
        "D8: a lazy='noload' relationship never loads; shrunk program needs: lazy:noload load:contains_eager loader:contains_eager model:classic_deferred modules:models modules:multi op:flush op:read_inside query:select read:deferred_gr",
    'false_alarm/clean/SQS101/module_level/executor':
        "D8: a lazy='noload' relationship never loads; shrunk program needs: lazy:noload load:select loader:undefer_group model:bidirectional_back_populates modules:models_db modules:multi op:read_inside op:refresh_names query:select re",
    'false_alarm/clean/SQS101/session_class/direct':
        'D9: commit does not expire an instance deleted in that transaction; shrunk program needs: load:get_options loader:lazyload loader_depth:1 op:delete_commit shape:session_class',
    'false_alarm/clean/SQS101/session_class/sorted_key':
        "D8: a lazy='noload' relationship never loads; shrunk program needs: lazy:noload load:query loader:load_only loader:selectinload loader_depth:2 modules:models modules:multi query:legacy read:relationship shape:session_class",
    'false_alarm/clean/SQS102/contextmanager/executor':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: after_scope:add_refresh lazy:write_only load:contains_eager loader:contains_eager modules:models_db modules:multi op:commit que',
    'false_alarm/clean/SQS102/decorator/thread':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: async lazy:write_only model:bidirectional_backref read:extras session:AsyncSession(engine) session:async',
    'false_alarm/clean/SQS102/inline/thread':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: lazy:write_only load:get_options loader:selectinload loader_depth:1 model:bidirectional_back_populates modules:models modules:m',
    'false_alarm/clean/SQS102/session_class/direct':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: async lazy:write_only read:extras session:AsyncSession(engine) session:async',
    'false_alarm/clean/SQS102/session_class/json_default':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: after_scope:make_transient lazy:write_only load:multi_entity op:expunge query:select read:extras read_style:json_default shape:',
    'false_alarm/clean/SQS105/helper_return/direct':
        'D7: a write_only attribute never loads (obj.extras.select() builds a statement); shrunk program needs: async lazy:write_only op:merge op:read_inside read:extras session:AsyncSession(engine) session:async',
    'miss/DetachedInstanceError/deferred-load/base_repository/direct':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: async load:repository modules:models modules:multi op:commit read:deferred_group session:AsyncSession(engine) session:async',
    'miss/DetachedInstanceError/deferred-load/base_repository/fstring':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: load:repository op:commit read:deferred_group read_style:fstring shape:base_repository',
    'miss/DetachedInstanceError/deferred-load/decorator/executor':
        'unexplained so far (diff); shrunk program needs: load:query loader:defaultload loader:lazyload loader:subqueryload loader_depth:2 loader_depth:3 model:dataclass modules:models_db modules:multi query:legacy re',
    'miss/DetachedInstanceError/deferred-load/generator/thread':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: modules:models modules:multi read:deferred read_style:sorted_key',
    'miss/DetachedInstanceError/deferred-load/helper_return/fstring':
        'unexplained so far (diff); shrunk program needs: load:get_options loader:defer loader:selectinload loader_depth:1 loader_depth:2 modules:models modules:multi read:pydantic read_style:fstring shape:helper_retu',
    'miss/DetachedInstanceError/deferred-load/helper_return/sorted_key':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: load:select loader:load_only loader:selectinload loader_depth:2 modules:models modules:multi query:select read:deferred read_sty',
    'miss/DetachedInstanceError/deferred-load/inline/executor':
        'unexplained so far (diff); shrunk program needs: load:multi_entity loader:defer loader:subqueryload loader_depth:1 loader_depth:2 model:dataclass modules:models_db modules:multi query:select read:dataclass_re',
    'miss/DetachedInstanceError/deferred-load/inline/map':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: load:select model:dataclass modules:models modules:multi query:select read:deferred_group read_style:map session:scoped_session ',
    'miss/DetachedInstanceError/deferred-load/session_class/fstring':
        'D5: MappedAsDataclass repr()/asdict() read deferred columns and relationships; shrunk program needs: after_scope:merge model:dataclass modules:models modules:multi read:dataclass_repr read:deferred read:repr read_style:fstring sha',
    'miss/DetachedInstanceError/lazy-load/base_repository/attribute_store':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: load:repository modules:models_db modules:multi op:commit op:merge read:property shape:base_repository',
    'miss/DetachedInstanceError/lazy-load/base_repository/executor':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: lazy:select load:repository read:relationship read_style:json_default shape:base_repository',
    'miss/DetachedInstanceError/lazy-load/base_repository/map':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: lazy:select load:repository model:bidirectional_backref model:classic_deferred modules:models modules:multi read:relationsh',
    'miss/DetachedInstanceError/lazy-load/base_repository/sorted_key':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: after_scope:merge lazy:select read:relationship read_style:sorted_key shape:helper_return',
    'miss/DetachedInstanceError/lazy-load/decorator/executor':
        'unexplained so far (diff); shrunk program needs: lazy:immediate lazy:select load:query loader:defer loader:joinedload loader_depth:2 model:bidirectional_backref modules:models modules:multi op:refresh query:l',
    'miss/DetachedInstanceError/lazy-load/decorator/thread':
        'D2: the instance is not followed into a Thread target / executor.submit callee; shrunk program needs: lazy:joined load:multi_entity loader:load_only loader:selectinload loader_depth:2 modules:models modules:multi query:select read',
    'miss/DetachedInstanceError/lazy-load/generator/json_default':
        'unexplained so far (diff); shrunk program needs: lazy:select load:get_options loader:lazyload loader:load_only loader_depth:1 modules:models_db modules:multi op:close op:rollback read:relationship read_style:',
    'miss/DetachedInstanceError/lazy-load/inline/attribute_store':
        'unexplained so far (diff); shrunk program needs: async model:dataclass modules:models modules:multi read:awaitable_attrs session:async session:configure session:factory.begin()',
    'miss/DetachedInstanceError/lazy-load/session_class/attribute_store':
        'D2: the instance is not followed into a Thread target / executor.submit callee; shrunk program needs: lazy:select load:new model:dataclass modules:models_db modules:multi op:commit op:read_inside read:dataclass_repr read:relations',
    'miss/DetachedInstanceError/lazy-load/session_class/sorted_key':
        'unexplained so far (diff); shrunk program needs: async lazy:select load:multi_entity loader:selectinload loader_depth:1 model:classic_deferred op:commit query:select read:multi_entity_row read:relationship re',
    'miss/DetachedInstanceError/refresh-expired/base_repository/json_default':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: op:begin_nested op:commit read:property read_style:json_default',
    'miss/DetachedInstanceError/refresh-expired/base_repository/sorted_key':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: load:repository model:dataclass op:commit shape:base_repository shape:contextmanager',
    'miss/DetachedInstanceError/refresh-expired/contextmanager/map':
        'unexplained so far (diff); shrunk program needs: load:multi_entity loader:load_only loader:selectinload loader_depth:2 model:dataclass modules:models modules:multi op:close op:commit query:select read:datacla',
    'miss/DetachedInstanceError/refresh-expired/contextmanager/sorted_key':
        'unexplained so far (diff); shrunk program needs: after_scope:add lazy:write_only load:query loader:load_only loader:selectinload loader_depth:2 model:bidirectional_backref modules:models_db modules:multi op:f',
    'miss/DetachedInstanceError/refresh-expired/generator/executor':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: load:repository session:Session(engine) as s, s.begin() shape:base_repository',
    'miss/DetachedInstanceError/refresh-expired/generator/json_default':
        'D3: instances yielded from inside a session scope, scope ends at exhaustion, not tracked; shrunk program needs: session:Session(engine) as s, s.begin() shape:generator',
    'miss/DetachedInstanceError/refresh-expired/generator/sorted_key':
        'D3: instances yielded from inside a session scope, scope ends at exhaustion, not tracked; shrunk program needs: after_scope:add op:rollback shape:generator',
    'miss/DetachedInstanceError/refresh-expired/helper_return/json_default':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: load:contains_eager loader:contains_eager modules:models modules:multi query:select read:python_default read_style:sorted_key se',
    'miss/DetachedInstanceError/refresh-expired/inline/map':
        'D1: the instance is not followed into a lambda called by map/sorted/json.dumps; shrunk program needs: async read:property read_style:map session:async session:factory.begin()',
    'miss/InvalidRequestError/already-begun/base_repository/direct':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: load:repository op:begin_after_autobegin shape:base_repository shape:session_class',
    'miss/InvalidRequestError/not-persistent/base_repository/container':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: after_scope:refresh load:repository model:dataclass op:refresh_names shape:base_repository shape:contextmanager',
    'miss/InvalidRequestError/not-persistent/base_repository/fstring':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: after_scope:add_refresh load:repository op:make_transient op:rollback shape:base_repository shape:helper_return',
    'miss/InvalidRequestError/not-persistent/base_repository/json_default':
        'unexplained so far (diff); shrunk program needs: after_scope:refresh op:commit op:refresh_names op:rollback shape:module_level',
    'miss/InvalidRequestError/not-persistent/base_repository/sorted_key':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: async load:repository model:dataclass op:commit op:make_transient op:refresh session:AsyncSession(engine) session:async sha',
    'miss/InvalidRequestError/not-persistent/module_level/sorted_key':
        'unexplained so far (diff); shrunk program needs: after_scope:refresh load:query op:commit op:make_transient query:legacy shape:module_level',
    'miss/InvalidRequestError/not-present/base_repository/executor':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: load:multi_entity op:commit op:expunge query:select',
    'miss/InvalidRequestError/not-present/contextmanager/direct':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: op:commit op:expunge op:make_transient_to_detached session:factory()',
    'miss/InvalidRequestError/not-present/decorator/json_default':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: op:close op:expunge',
    'miss/InvalidRequestError/not-present/inline/json_default':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: load:new model:dataclass op:expunge op:expunge_all session:scoped_session session_end:remove',
    'miss/InvalidRequestError/not-present/module_level/json_default':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: after_scope:add_refresh load:select loader:defer loader:selectinload loader_depth:2 model:bidirectional_back',
    'miss/InvalidRequestError/not-present/module_level/sorted_key':
        'D12: InvalidRequestError from expunge() of an instance the session no longer holds is not modelled; shrunk program needs: load:get_options loader:selectinload loader:undefer loader:undefer_group loader_depth:2 op:expunge op:make_t',
    'miss/MissingGreenlet/greenlet/base_repository/json_default':
        'D4: BaseRepository.get via self.model (subclass attribute) returns an untyped value; shrunk program needs: async load:repository op:commit session:async shape:base_repository shape:session_class',
    'miss/MissingGreenlet/greenlet/inline/sorted_key':
        'D5: MappedAsDataclass repr()/asdict() read deferred columns and relationships; shrunk program needs: async load:get_options loader:defaultload loader:defer loader:load_only loader:selectinload loader_depth:2 model:dataclass op:exp',
}
