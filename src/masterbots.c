
/* ---- masterbots (generated) ---- */
#if !defined(MB_NO_MASTERBOTS)

/* getCategories */
static const char mb__q_get_categories[] =
    "query getCategories{category(orderBy:[{order:ASC}]){categoryId name order chatbots(orderBy:[{chatbot"
    ":{order:ASC}}]){chatbot{chatbotId name}}}}";
static const mb_field mb__s_get_categories_category_chatbots_chatbot_f[] = {
    {"chatbotId", offsetof(mb_get_categories_category_chatbots_chatbot, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_get_categories_category_chatbots_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_categories_category_chatbots_chatbot = {mb__s_get_categories_category_chatbots_chatbot_f, 2, MB_SHAPE_SIZE(mb_get_categories_category_chatbots_chatbot)};
static const mb_field mb__s_get_categories_category_chatbots_f[] = {
    {"chatbot", offsetof(mb_get_categories_category_chatbots, chatbot), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_categories_category_chatbots_chatbot},
};
static const mb_shape mb__s_get_categories_category_chatbots = {mb__s_get_categories_category_chatbots_f, 1, MB_SHAPE_SIZE(mb_get_categories_category_chatbots)};
static const mb_field mb__s_get_categories_category_f[] = {
    {"categoryId", offsetof(mb_get_categories_category, category_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_get_categories_category, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"order", offsetof(mb_get_categories_category, order), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"chatbots", offsetof(mb_get_categories_category, chatbots), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_categories_category_chatbots},
};
static const mb_shape mb__s_get_categories_category = {mb__s_get_categories_category_f, 4, MB_SHAPE_SIZE(mb_get_categories_category)};
static const mb_field mb__s_get_categories_data_f[] = {
    {"category", offsetof(mb_get_categories_data, category), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_categories_category},
};
static const mb_shape mb__s_get_categories_data = {mb__s_get_categories_data_f, 1, MB_SHAPE_SIZE(mb_get_categories_data)};
static const mb_op mb__op_get_categories = {mb__q_get_categories, "getCategories", NULL, 0, &mb__s_get_categories_data};
const mb_op *mb_get_categories_op(void) { return &mb__op_get_categories; }
mb_status mb_get_categories(mb_client *c, mb_get_categories_data *out, mb_get_categories_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->category;
    pools[0].cap = arrays->category_cap;
    pools[1].base = arrays->category_chatbots;
    pools[1].cap = arrays->category_chatbots_cap;
    s = mb_typed_execute(c, &mb__op_get_categories, NULL, out, pools, 2);
    arrays->category_needed = pools[0].needed;
    arrays->category_chatbots_needed = pools[1].needed;
    return s;
}
mb_status mb_get_categories_decode(const mb_result *res, mb_get_categories_data *out, mb_get_categories_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->category;
    pools[0].cap = arrays->category_cap;
    pools[1].base = arrays->category_chatbots;
    pools[1].cap = arrays->category_chatbots_cap;
    s = mb_typed_decode(res, &mb__s_get_categories_data, out, pools, 2);
    arrays->category_needed = pools[0].needed;
    arrays->category_chatbots_needed = pools[1].needed;
    return s;
}

/* getChatbots */
static const char mb__q_get_chatbots[] =
    "query getChatbots($limit:Int$offset:Int){chatbot(limit:$limit offset:$offset orderBy:[{order:ASC}]){"
    "...ChatbotListItem}}fragment ChatbotListItem on Chatbot{chatbotId name description avatar isPro disa"
    "bled order categories{categoryId category{name}}metadata{domainName}}";
static const mb_field mb__s_chatbot_list_item_categories_category_f[] = {
    {"name", offsetof(mb_chatbot_list_item_categories_category, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_chatbot_list_item_categories_category = {mb__s_chatbot_list_item_categories_category_f, 1, MB_SHAPE_SIZE(mb_chatbot_list_item_categories_category)};
static const mb_field mb__s_chatbot_list_item_categories_f[] = {
    {"categoryId", offsetof(mb_chatbot_list_item_categories, category_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"category", offsetof(mb_chatbot_list_item_categories, category), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_chatbot_list_item_categories_category},
};
static const mb_shape mb__s_chatbot_list_item_categories = {mb__s_chatbot_list_item_categories_f, 2, MB_SHAPE_SIZE(mb_chatbot_list_item_categories)};
static const mb_field mb__s_chatbot_list_item_metadata_f[] = {
    {"domainName", offsetof(mb_chatbot_list_item_metadata, domain_name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_chatbot_list_item_metadata = {mb__s_chatbot_list_item_metadata_f, 1, MB_SHAPE_SIZE(mb_chatbot_list_item_metadata)};
static const mb_field mb__s_chatbot_list_item_f[] = {
    {"chatbotId", offsetof(mb_chatbot_list_item, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_chatbot_list_item, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"description", offsetof(mb_chatbot_list_item, description), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"avatar", offsetof(mb_chatbot_list_item, avatar), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPro", offsetof(mb_chatbot_list_item, is_pro), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"disabled", offsetof(mb_chatbot_list_item, disabled), offsetof(mb_chatbot_list_item, disabled_null), MB_T_BOOL, 0, 0, NULL},
    {"order", offsetof(mb_chatbot_list_item, order), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"categories", offsetof(mb_chatbot_list_item, categories), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_chatbot_list_item_categories},
    {"metadata", offsetof(mb_chatbot_list_item, metadata), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 1, &mb__s_chatbot_list_item_metadata},
};
static const mb_shape mb__s_chatbot_list_item = {mb__s_chatbot_list_item_f, 9, MB_SHAPE_SIZE(mb_chatbot_list_item)};
static const mb_field mb__s_get_chatbots_data_f[] = {
    {"chatbot", offsetof(mb_get_chatbots_data, chatbot), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_chatbot_list_item},
};
static const mb_shape mb__s_get_chatbots_data = {mb__s_get_chatbots_data_f, 1, MB_SHAPE_SIZE(mb_get_chatbots_data)};
static const mb_var mb__v_get_chatbots[] = {
    {"limit", offsetof(mb_get_chatbots_vars, limit), offsetof(mb_get_chatbots_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_chatbots_vars, offset), offsetof(mb_get_chatbots_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_chatbots = {mb__q_get_chatbots, "getChatbots", mb__v_get_chatbots, 2, &mb__s_get_chatbots_data};
const mb_op *mb_get_chatbots_op(void) { return &mb__op_get_chatbots; }
mb_status mb_get_chatbots(mb_client *c, const mb_get_chatbots_vars *vars, mb_get_chatbots_data *out, mb_get_chatbots_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_metadata;
    pools[2].cap = arrays->chatbot_metadata_cap;
    s = mb_typed_execute(c, &mb__op_get_chatbots, vars, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_metadata_needed = pools[2].needed;
    return s;
}
mb_status mb_get_chatbots_decode(const mb_result *res, mb_get_chatbots_data *out, mb_get_chatbots_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_metadata;
    pools[2].cap = arrays->chatbot_metadata_cap;
    s = mb_typed_decode(res, &mb__s_get_chatbots_data, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_metadata_needed = pools[2].needed;
    return s;
}

/* getChatbotsByCategory */
static const char mb__q_get_chatbots_by_category[] =
    "query getChatbotsByCategory($categoryId:Int!$limit:Int$offset:Int){chatbot(limit:$limit offset:$offs"
    "et orderBy:[{order:ASC}]where:{categories:{categoryId:{_eq:$categoryId}}}){...ChatbotListItem}}fragm"
    "ent ChatbotListItem on Chatbot{chatbotId name description avatar isPro disabled order categories{cat"
    "egoryId category{name}}metadata{domainName}}";
static const mb_field mb__s_get_chatbots_by_category_data_f[] = {
    {"chatbot", offsetof(mb_get_chatbots_by_category_data, chatbot), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_chatbot_list_item},
};
static const mb_shape mb__s_get_chatbots_by_category_data = {mb__s_get_chatbots_by_category_data_f, 1, MB_SHAPE_SIZE(mb_get_chatbots_by_category_data)};
static const mb_var mb__v_get_chatbots_by_category[] = {
    {"categoryId", offsetof(mb_get_chatbots_by_category_vars, category_id), MB_NO_NULL_FLAG, MB_T_I32},
    {"limit", offsetof(mb_get_chatbots_by_category_vars, limit), offsetof(mb_get_chatbots_by_category_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_chatbots_by_category_vars, offset), offsetof(mb_get_chatbots_by_category_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_chatbots_by_category = {mb__q_get_chatbots_by_category, "getChatbotsByCategory", mb__v_get_chatbots_by_category, 3, &mb__s_get_chatbots_by_category_data};
const mb_op *mb_get_chatbots_by_category_op(void) { return &mb__op_get_chatbots_by_category; }
mb_status mb_get_chatbots_by_category(mb_client *c, const mb_get_chatbots_by_category_vars *vars, mb_get_chatbots_by_category_data *out, mb_get_chatbots_by_category_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_metadata;
    pools[2].cap = arrays->chatbot_metadata_cap;
    s = mb_typed_execute(c, &mb__op_get_chatbots_by_category, vars, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_metadata_needed = pools[2].needed;
    return s;
}
mb_status mb_get_chatbots_by_category_decode(const mb_result *res, mb_get_chatbots_by_category_data *out, mb_get_chatbots_by_category_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_metadata;
    pools[2].cap = arrays->chatbot_metadata_cap;
    s = mb_typed_decode(res, &mb__s_get_chatbots_by_category_data, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_metadata_needed = pools[2].needed;
    return s;
}

/* getChatbot */
static const char mb__q_get_chatbot[] =
    "query getChatbot($name:String!){chatbot(where:{name:{_eq:$name}}limit:1){chatbotId name description "
    "avatar createdBy isPro defaultComplexity defaultLength defaultTone defaultType categories{category{c"
    "ategoryId name}}prompts(orderBy:[{promptId:DESC}]){prompt{promptId promptName content type}}complexi"
    "tyEnum{prompt}lengthEnum{prompt}toneEnum{prompt}typeEnum{prompt}}}";
static const mb_field mb__s_get_chatbot_chatbot_categories_category_f[] = {
    {"categoryId", offsetof(mb_get_chatbot_chatbot_categories_category, category_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_get_chatbot_chatbot_categories_category, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_categories_category = {mb__s_get_chatbot_chatbot_categories_category_f, 2, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_categories_category)};
static const mb_field mb__s_get_chatbot_chatbot_categories_f[] = {
    {"category", offsetof(mb_get_chatbot_chatbot_categories, category), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_categories_category},
};
static const mb_shape mb__s_get_chatbot_chatbot_categories = {mb__s_get_chatbot_chatbot_categories_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_categories)};
static const mb_field mb__s_get_chatbot_chatbot_prompts_prompt_f[] = {
    {"promptId", offsetof(mb_get_chatbot_chatbot_prompts_prompt, prompt_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"promptName", offsetof(mb_get_chatbot_chatbot_prompts_prompt, prompt_name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_get_chatbot_chatbot_prompts_prompt, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"type", offsetof(mb_get_chatbot_chatbot_prompts_prompt, type), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_prompts_prompt = {mb__s_get_chatbot_chatbot_prompts_prompt_f, 4, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_prompts_prompt)};
static const mb_field mb__s_get_chatbot_chatbot_prompts_f[] = {
    {"prompt", offsetof(mb_get_chatbot_chatbot_prompts, prompt), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_prompts_prompt},
};
static const mb_shape mb__s_get_chatbot_chatbot_prompts = {mb__s_get_chatbot_chatbot_prompts_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_prompts)};
static const mb_field mb__s_get_chatbot_chatbot_complexity_enum_f[] = {
    {"prompt", offsetof(mb_get_chatbot_chatbot_complexity_enum, prompt), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_complexity_enum = {mb__s_get_chatbot_chatbot_complexity_enum_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_complexity_enum)};
static const mb_field mb__s_get_chatbot_chatbot_length_enum_f[] = {
    {"prompt", offsetof(mb_get_chatbot_chatbot_length_enum, prompt), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_length_enum = {mb__s_get_chatbot_chatbot_length_enum_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_length_enum)};
static const mb_field mb__s_get_chatbot_chatbot_tone_enum_f[] = {
    {"prompt", offsetof(mb_get_chatbot_chatbot_tone_enum, prompt), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_tone_enum = {mb__s_get_chatbot_chatbot_tone_enum_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_tone_enum)};
static const mb_field mb__s_get_chatbot_chatbot_type_enum_f[] = {
    {"prompt", offsetof(mb_get_chatbot_chatbot_type_enum, prompt), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_chatbot_type_enum = {mb__s_get_chatbot_chatbot_type_enum_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_chatbot_type_enum)};
static const mb_field mb__s_get_chatbot_chatbot_f[] = {
    {"chatbotId", offsetof(mb_get_chatbot_chatbot, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_get_chatbot_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"description", offsetof(mb_get_chatbot_chatbot, description), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"avatar", offsetof(mb_get_chatbot_chatbot, avatar), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdBy", offsetof(mb_get_chatbot_chatbot, created_by), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPro", offsetof(mb_get_chatbot_chatbot, is_pro), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"defaultComplexity", offsetof(mb_get_chatbot_chatbot, default_complexity), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"defaultLength", offsetof(mb_get_chatbot_chatbot, default_length), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"defaultTone", offsetof(mb_get_chatbot_chatbot, default_tone), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"defaultType", offsetof(mb_get_chatbot_chatbot, default_type), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"categories", offsetof(mb_get_chatbot_chatbot, categories), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_chatbot_chatbot_categories},
    {"prompts", offsetof(mb_get_chatbot_chatbot, prompts), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 1, &mb__s_get_chatbot_chatbot_prompts},
    {"complexityEnum", offsetof(mb_get_chatbot_chatbot, complexity_enum), offsetof(mb_get_chatbot_chatbot, complexity_enum_null), MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_complexity_enum},
    {"lengthEnum", offsetof(mb_get_chatbot_chatbot, length_enum), offsetof(mb_get_chatbot_chatbot, length_enum_null), MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_length_enum},
    {"toneEnum", offsetof(mb_get_chatbot_chatbot, tone_enum), offsetof(mb_get_chatbot_chatbot, tone_enum_null), MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_tone_enum},
    {"typeEnum", offsetof(mb_get_chatbot_chatbot, type_enum), offsetof(mb_get_chatbot_chatbot, type_enum_null), MB_T_OBJ, 0, 0, &mb__s_get_chatbot_chatbot_type_enum},
};
static const mb_shape mb__s_get_chatbot_chatbot = {mb__s_get_chatbot_chatbot_f, 16, MB_SHAPE_SIZE(mb_get_chatbot_chatbot)};
static const mb_field mb__s_get_chatbot_data_f[] = {
    {"chatbot", offsetof(mb_get_chatbot_data, chatbot), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_chatbot_chatbot},
};
static const mb_shape mb__s_get_chatbot_data = {mb__s_get_chatbot_data_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_data)};
static const mb_var mb__v_get_chatbot[] = {
    {"name", offsetof(mb_get_chatbot_vars, name), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_get_chatbot = {mb__q_get_chatbot, "getChatbot", mb__v_get_chatbot, 1, &mb__s_get_chatbot_data};
const mb_op *mb_get_chatbot_op(void) { return &mb__op_get_chatbot; }
mb_status mb_get_chatbot(mb_client *c, const mb_get_chatbot_vars *vars, mb_get_chatbot_data *out, mb_get_chatbot_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_prompts;
    pools[2].cap = arrays->chatbot_prompts_cap;
    s = mb_typed_execute(c, &mb__op_get_chatbot, vars, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_prompts_needed = pools[2].needed;
    return s;
}
mb_status mb_get_chatbot_decode(const mb_result *res, mb_get_chatbot_data *out, mb_get_chatbot_arrays *arrays) {
    mb_pool pools[3];
    mb_status s;
    pools[0].base = arrays->chatbot;
    pools[0].cap = arrays->chatbot_cap;
    pools[1].base = arrays->chatbot_categories;
    pools[1].cap = arrays->chatbot_categories_cap;
    pools[2].base = arrays->chatbot_prompts;
    pools[2].cap = arrays->chatbot_prompts_cap;
    s = mb_typed_decode(res, &mb__s_get_chatbot_data, out, pools, 3);
    arrays->chatbot_needed = pools[0].needed;
    arrays->chatbot_categories_needed = pools[1].needed;
    arrays->chatbot_prompts_needed = pools[2].needed;
    return s;
}

/* getChatbotCount */
static const char mb__q_get_chatbot_count[] =
    "query getChatbotCount{chatbotAggregate{aggregate{count}}}";
static const mb_field mb__s_get_chatbot_count_chatbot_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_chatbot_count_chatbot_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_chatbot_count_chatbot_aggregate_aggregate = {mb__s_get_chatbot_count_chatbot_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_count_chatbot_aggregate_aggregate)};
static const mb_field mb__s_get_chatbot_count_chatbot_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_chatbot_count_chatbot_aggregate, aggregate), offsetof(mb_get_chatbot_count_chatbot_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_chatbot_count_chatbot_aggregate_aggregate},
};
static const mb_shape mb__s_get_chatbot_count_chatbot_aggregate = {mb__s_get_chatbot_count_chatbot_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_count_chatbot_aggregate)};
static const mb_field mb__s_get_chatbot_count_data_f[] = {
    {"chatbotAggregate", offsetof(mb_get_chatbot_count_data, chatbot_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_chatbot_count_chatbot_aggregate},
};
static const mb_shape mb__s_get_chatbot_count_data = {mb__s_get_chatbot_count_data_f, 1, MB_SHAPE_SIZE(mb_get_chatbot_count_data)};
static const mb_op mb__op_get_chatbot_count = {mb__q_get_chatbot_count, "getChatbotCount", NULL, 0, &mb__s_get_chatbot_count_data};
const mb_op *mb_get_chatbot_count_op(void) { return &mb__op_get_chatbot_count; }
mb_status mb_get_chatbot_count(mb_client *c, mb_get_chatbot_count_data *out) {
    return mb_typed_execute(c, &mb__op_get_chatbot_count, NULL, out, NULL, 0);
}
mb_status mb_get_chatbot_count_decode(const mb_result *res, mb_get_chatbot_count_data *out) {
    return mb_typed_decode(res, &mb__s_get_chatbot_count_data, out, NULL, 0);
}

/* getModels */
static const char mb__q_get_models[] =
    "query getModels{models(orderBy:[{model:ASC}]){model type enabled model_data{name}}}";
static const mb_field mb__s_get_models_models_model_data_f[] = {
    {"name", offsetof(mb_get_models_models_model_data, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_models_models_model_data = {mb__s_get_models_models_model_data_f, 1, MB_SHAPE_SIZE(mb_get_models_models_model_data)};
static const mb_field mb__s_get_models_models_f[] = {
    {"model", offsetof(mb_get_models_models, model), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"type", offsetof(mb_get_models_models, type), MB_NO_NULL_FLAG, MB_T_JSON, 0, 0, NULL},
    {"enabled", offsetof(mb_get_models_models, enabled), MB_NO_NULL_FLAG, MB_T_BOOL, 0, 0, NULL},
    {"model_data", offsetof(mb_get_models_models, model_data), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_models_models_model_data},
};
static const mb_shape mb__s_get_models_models = {mb__s_get_models_models_f, 4, MB_SHAPE_SIZE(mb_get_models_models)};
static const mb_field mb__s_get_models_data_f[] = {
    {"models", offsetof(mb_get_models_data, models), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_models_models},
};
static const mb_shape mb__s_get_models_data = {mb__s_get_models_data_f, 1, MB_SHAPE_SIZE(mb_get_models_data)};
static const mb_op mb__op_get_models = {mb__q_get_models, "getModels", NULL, 0, &mb__s_get_models_data};
const mb_op *mb_get_models_op(void) { return &mb__op_get_models; }
mb_status mb_get_models(mb_client *c, mb_get_models_data *out, mb_get_models_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->models;
    pools[0].cap = arrays->models_cap;
    s = mb_typed_execute(c, &mb__op_get_models, NULL, out, pools, 1);
    arrays->models_needed = pools[0].needed;
    return s;
}
mb_status mb_get_models_decode(const mb_result *res, mb_get_models_data *out, mb_get_models_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->models;
    pools[0].cap = arrays->models_cap;
    s = mb_typed_decode(res, &mb__s_get_models_data, out, pools, 1);
    arrays->models_needed = pools[0].needed;
    return s;
}

/* getThreads */
static const char mb__q_get_threads[] =
    "query getThreads($userId:uuid!$limit:Int$offset:Int){thread(orderBy:[{updatedAt:DESC}]limit:$limit o"
    "ffset:$offset where:{userId:{_eq:$userId}}){...OwnThread}threadAggregate(where:{userId:{_eq:$userId}"
    "}){aggregate{count}}}fragment OwnThread on Thread{threadId slug isPublic isApproved createdAt update"
    "dAt userId chatbot{chatbotId name}messages(orderBy:[{createdAt:ASC}]limit:2){messageId role content "
    "createdAt}}";
static const mb_field mb__s_own_thread_chatbot_f[] = {
    {"chatbotId", offsetof(mb_own_thread_chatbot, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_own_thread_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_own_thread_chatbot = {mb__s_own_thread_chatbot_f, 2, MB_SHAPE_SIZE(mb_own_thread_chatbot)};
static const mb_field mb__s_own_thread_messages_f[] = {
    {"messageId", offsetof(mb_own_thread_messages, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_own_thread_messages, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_own_thread_messages, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_own_thread_messages, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_own_thread_messages = {mb__s_own_thread_messages_f, 4, MB_SHAPE_SIZE(mb_own_thread_messages)};
static const mb_field mb__s_own_thread_f[] = {
    {"threadId", offsetof(mb_own_thread, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_own_thread, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPublic", offsetof(mb_own_thread, is_public), offsetof(mb_own_thread, is_public_null), MB_T_BOOL, 0, 0, NULL},
    {"isApproved", offsetof(mb_own_thread, is_approved), offsetof(mb_own_thread, is_approved_null), MB_T_BOOL, 0, 0, NULL},
    {"createdAt", offsetof(mb_own_thread, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"updatedAt", offsetof(mb_own_thread, updated_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"userId", offsetof(mb_own_thread, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"chatbot", offsetof(mb_own_thread, chatbot), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_own_thread_chatbot},
    {"messages", offsetof(mb_own_thread, messages), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_own_thread_messages},
};
static const mb_shape mb__s_own_thread = {mb__s_own_thread_f, 9, MB_SHAPE_SIZE(mb_own_thread)};
static const mb_field mb__s_get_threads_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_threads_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_threads_thread_aggregate_aggregate = {mb__s_get_threads_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_threads_thread_aggregate_aggregate)};
static const mb_field mb__s_get_threads_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_threads_thread_aggregate, aggregate), offsetof(mb_get_threads_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_threads_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_threads_thread_aggregate = {mb__s_get_threads_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_threads_thread_aggregate)};
static const mb_field mb__s_get_threads_data_f[] = {
    {"thread", offsetof(mb_get_threads_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_own_thread},
    {"threadAggregate", offsetof(mb_get_threads_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_threads_thread_aggregate},
};
static const mb_shape mb__s_get_threads_data = {mb__s_get_threads_data_f, 2, MB_SHAPE_SIZE(mb_get_threads_data)};
static const mb_var mb__v_get_threads[] = {
    {"userId", offsetof(mb_get_threads_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"limit", offsetof(mb_get_threads_vars, limit), offsetof(mb_get_threads_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_threads_vars, offset), offsetof(mb_get_threads_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_threads = {mb__q_get_threads, "getThreads", mb__v_get_threads, 3, &mb__s_get_threads_data};
const mb_op *mb_get_threads_op(void) { return &mb__op_get_threads; }
mb_status mb_get_threads(mb_client *c, const mb_get_threads_vars *vars, mb_get_threads_data *out, mb_get_threads_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_threads, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_threads_decode(const mb_result *res, mb_get_threads_data *out, mb_get_threads_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_threads_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getThreadsByChatbot */
static const char mb__q_get_threads_by_chatbot[] =
    "query getThreadsByChatbot($userId:uuid!$chatbotName:String!$limit:Int$offset:Int){thread(orderBy:[{u"
    "pdatedAt:DESC}]limit:$limit offset:$offset where:{userId:{_eq:$userId}chatbot:{name:{_eq:$chatbotNam"
    "e}}}){...OwnThread}threadAggregate(where:{userId:{_eq:$userId}chatbot:{name:{_eq:$chatbotName}}}){ag"
    "gregate{count}}}fragment OwnThread on Thread{threadId slug isPublic isApproved createdAt updatedAt u"
    "serId chatbot{chatbotId name}messages(orderBy:[{createdAt:ASC}]limit:2){messageId role content creat"
    "edAt}}";
static const mb_field mb__s_get_threads_by_chatbot_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_threads_by_chatbot_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_threads_by_chatbot_thread_aggregate_aggregate = {mb__s_get_threads_by_chatbot_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_threads_by_chatbot_thread_aggregate_aggregate)};
static const mb_field mb__s_get_threads_by_chatbot_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_threads_by_chatbot_thread_aggregate, aggregate), offsetof(mb_get_threads_by_chatbot_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_threads_by_chatbot_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_threads_by_chatbot_thread_aggregate = {mb__s_get_threads_by_chatbot_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_threads_by_chatbot_thread_aggregate)};
static const mb_field mb__s_get_threads_by_chatbot_data_f[] = {
    {"thread", offsetof(mb_get_threads_by_chatbot_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_own_thread},
    {"threadAggregate", offsetof(mb_get_threads_by_chatbot_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_threads_by_chatbot_thread_aggregate},
};
static const mb_shape mb__s_get_threads_by_chatbot_data = {mb__s_get_threads_by_chatbot_data_f, 2, MB_SHAPE_SIZE(mb_get_threads_by_chatbot_data)};
static const mb_var mb__v_get_threads_by_chatbot[] = {
    {"userId", offsetof(mb_get_threads_by_chatbot_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"chatbotName", offsetof(mb_get_threads_by_chatbot_vars, chatbot_name), MB_NO_NULL_FLAG, MB_T_STR},
    {"limit", offsetof(mb_get_threads_by_chatbot_vars, limit), offsetof(mb_get_threads_by_chatbot_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_threads_by_chatbot_vars, offset), offsetof(mb_get_threads_by_chatbot_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_threads_by_chatbot = {mb__q_get_threads_by_chatbot, "getThreadsByChatbot", mb__v_get_threads_by_chatbot, 4, &mb__s_get_threads_by_chatbot_data};
const mb_op *mb_get_threads_by_chatbot_op(void) { return &mb__op_get_threads_by_chatbot; }
mb_status mb_get_threads_by_chatbot(mb_client *c, const mb_get_threads_by_chatbot_vars *vars, mb_get_threads_by_chatbot_data *out, mb_get_threads_by_chatbot_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_threads_by_chatbot, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_threads_by_chatbot_decode(const mb_result *res, mb_get_threads_by_chatbot_data *out, mb_get_threads_by_chatbot_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_threads_by_chatbot_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getBrowseThreads */
static const char mb__q_get_browse_threads[] =
    "query getBrowseThreads($limit:Int$offset:Int){thread(orderBy:[{updatedAt:DESC}]limit:$limit offset:$"
    "offset where:{isPublic:{_eq:true}isApproved:{_eq:true}}){...BrowseThread}threadAggregate(where:{isPu"
    "blic:{_eq:true}isApproved:{_eq:true}}){aggregate{count}}}fragment BrowseThread on Thread{threadId sl"
    "ug updatedAt chatbot{chatbotId name}user{username slug}messages(orderBy:[{createdAt:ASC}]limit:2){ro"
    "le content}}";
static const mb_field mb__s_browse_thread_chatbot_f[] = {
    {"chatbotId", offsetof(mb_browse_thread_chatbot, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_browse_thread_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_browse_thread_chatbot = {mb__s_browse_thread_chatbot_f, 2, MB_SHAPE_SIZE(mb_browse_thread_chatbot)};
static const mb_field mb__s_browse_thread_user_f[] = {
    {"username", offsetof(mb_browse_thread_user, username), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_browse_thread_user, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_browse_thread_user = {mb__s_browse_thread_user_f, 2, MB_SHAPE_SIZE(mb_browse_thread_user)};
static const mb_field mb__s_browse_thread_messages_f[] = {
    {"role", offsetof(mb_browse_thread_messages, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_browse_thread_messages, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_browse_thread_messages = {mb__s_browse_thread_messages_f, 2, MB_SHAPE_SIZE(mb_browse_thread_messages)};
static const mb_field mb__s_browse_thread_f[] = {
    {"threadId", offsetof(mb_browse_thread, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_browse_thread, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"updatedAt", offsetof(mb_browse_thread, updated_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"chatbot", offsetof(mb_browse_thread, chatbot), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_browse_thread_chatbot},
    {"user", offsetof(mb_browse_thread, user), offsetof(mb_browse_thread, user_null), MB_T_OBJ, 0, 0, &mb__s_browse_thread_user},
    {"messages", offsetof(mb_browse_thread, messages), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_browse_thread_messages},
};
static const mb_shape mb__s_browse_thread = {mb__s_browse_thread_f, 6, MB_SHAPE_SIZE(mb_browse_thread)};
static const mb_field mb__s_get_browse_threads_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_browse_threads_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_browse_threads_thread_aggregate_aggregate = {mb__s_get_browse_threads_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_thread_aggregate_aggregate)};
static const mb_field mb__s_get_browse_threads_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_browse_threads_thread_aggregate, aggregate), offsetof(mb_get_browse_threads_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_browse_threads_thread_aggregate = {mb__s_get_browse_threads_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_thread_aggregate)};
static const mb_field mb__s_get_browse_threads_data_f[] = {
    {"thread", offsetof(mb_get_browse_threads_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_browse_thread},
    {"threadAggregate", offsetof(mb_get_browse_threads_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_thread_aggregate},
};
static const mb_shape mb__s_get_browse_threads_data = {mb__s_get_browse_threads_data_f, 2, MB_SHAPE_SIZE(mb_get_browse_threads_data)};
static const mb_var mb__v_get_browse_threads[] = {
    {"limit", offsetof(mb_get_browse_threads_vars, limit), offsetof(mb_get_browse_threads_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_browse_threads_vars, offset), offsetof(mb_get_browse_threads_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_browse_threads = {mb__q_get_browse_threads, "getBrowseThreads", mb__v_get_browse_threads, 2, &mb__s_get_browse_threads_data};
const mb_op *mb_get_browse_threads_op(void) { return &mb__op_get_browse_threads; }
mb_status mb_get_browse_threads(mb_client *c, const mb_get_browse_threads_vars *vars, mb_get_browse_threads_data *out, mb_get_browse_threads_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_browse_threads, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_browse_threads_decode(const mb_result *res, mb_get_browse_threads_data *out, mb_get_browse_threads_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_browse_threads_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getBrowseThreadsByChatbot */
static const char mb__q_get_browse_threads_by_chatbot[] =
    "query getBrowseThreadsByChatbot($chatbotName:String!$limit:Int$offset:Int){thread(orderBy:[{updatedA"
    "t:DESC}]limit:$limit offset:$offset where:{isPublic:{_eq:true}isApproved:{_eq:true}chatbot:{name:{_e"
    "q:$chatbotName}}}){...BrowseThread}threadAggregate(where:{isPublic:{_eq:true}isApproved:{_eq:true}ch"
    "atbot:{name:{_eq:$chatbotName}}}){aggregate{count}}}fragment BrowseThread on Thread{threadId slug up"
    "datedAt chatbot{chatbotId name}user{username slug}messages(orderBy:[{createdAt:ASC}]limit:2){role co"
    "ntent}}";
static const mb_field mb__s_get_browse_threads_by_chatbot_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_browse_threads_by_chatbot_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_browse_threads_by_chatbot_thread_aggregate_aggregate = {mb__s_get_browse_threads_by_chatbot_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_chatbot_thread_aggregate_aggregate)};
static const mb_field mb__s_get_browse_threads_by_chatbot_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_browse_threads_by_chatbot_thread_aggregate, aggregate), offsetof(mb_get_browse_threads_by_chatbot_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_chatbot_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_chatbot_thread_aggregate = {mb__s_get_browse_threads_by_chatbot_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_chatbot_thread_aggregate)};
static const mb_field mb__s_get_browse_threads_by_chatbot_data_f[] = {
    {"thread", offsetof(mb_get_browse_threads_by_chatbot_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_browse_thread},
    {"threadAggregate", offsetof(mb_get_browse_threads_by_chatbot_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_chatbot_thread_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_chatbot_data = {mb__s_get_browse_threads_by_chatbot_data_f, 2, MB_SHAPE_SIZE(mb_get_browse_threads_by_chatbot_data)};
static const mb_var mb__v_get_browse_threads_by_chatbot[] = {
    {"chatbotName", offsetof(mb_get_browse_threads_by_chatbot_vars, chatbot_name), MB_NO_NULL_FLAG, MB_T_STR},
    {"limit", offsetof(mb_get_browse_threads_by_chatbot_vars, limit), offsetof(mb_get_browse_threads_by_chatbot_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_browse_threads_by_chatbot_vars, offset), offsetof(mb_get_browse_threads_by_chatbot_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_browse_threads_by_chatbot = {mb__q_get_browse_threads_by_chatbot, "getBrowseThreadsByChatbot", mb__v_get_browse_threads_by_chatbot, 3, &mb__s_get_browse_threads_by_chatbot_data};
const mb_op *mb_get_browse_threads_by_chatbot_op(void) { return &mb__op_get_browse_threads_by_chatbot; }
mb_status mb_get_browse_threads_by_chatbot(mb_client *c, const mb_get_browse_threads_by_chatbot_vars *vars, mb_get_browse_threads_by_chatbot_data *out, mb_get_browse_threads_by_chatbot_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_browse_threads_by_chatbot, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_browse_threads_by_chatbot_decode(const mb_result *res, mb_get_browse_threads_by_chatbot_data *out, mb_get_browse_threads_by_chatbot_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_browse_threads_by_chatbot_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getBrowseThreadsByCategory */
static const char mb__q_get_browse_threads_by_category[] =
    "query getBrowseThreadsByCategory($categoryId:Int!$limit:Int$offset:Int){thread(orderBy:[{updatedAt:D"
    "ESC}]limit:$limit offset:$offset where:{isPublic:{_eq:true}isApproved:{_eq:true}chatbot:{categories:"
    "{categoryId:{_eq:$categoryId}}}}){...BrowseThread}threadAggregate(where:{isPublic:{_eq:true}isApprov"
    "ed:{_eq:true}chatbot:{categories:{categoryId:{_eq:$categoryId}}}}){aggregate{count}}}fragment Browse"
    "Thread on Thread{threadId slug updatedAt chatbot{chatbotId name}user{username slug}messages(orderBy:"
    "[{createdAt:ASC}]limit:2){role content}}";
static const mb_field mb__s_get_browse_threads_by_category_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_browse_threads_by_category_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_browse_threads_by_category_thread_aggregate_aggregate = {mb__s_get_browse_threads_by_category_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_category_thread_aggregate_aggregate)};
static const mb_field mb__s_get_browse_threads_by_category_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_browse_threads_by_category_thread_aggregate, aggregate), offsetof(mb_get_browse_threads_by_category_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_category_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_category_thread_aggregate = {mb__s_get_browse_threads_by_category_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_category_thread_aggregate)};
static const mb_field mb__s_get_browse_threads_by_category_data_f[] = {
    {"thread", offsetof(mb_get_browse_threads_by_category_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_browse_thread},
    {"threadAggregate", offsetof(mb_get_browse_threads_by_category_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_category_thread_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_category_data = {mb__s_get_browse_threads_by_category_data_f, 2, MB_SHAPE_SIZE(mb_get_browse_threads_by_category_data)};
static const mb_var mb__v_get_browse_threads_by_category[] = {
    {"categoryId", offsetof(mb_get_browse_threads_by_category_vars, category_id), MB_NO_NULL_FLAG, MB_T_I32},
    {"limit", offsetof(mb_get_browse_threads_by_category_vars, limit), offsetof(mb_get_browse_threads_by_category_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_browse_threads_by_category_vars, offset), offsetof(mb_get_browse_threads_by_category_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_browse_threads_by_category = {mb__q_get_browse_threads_by_category, "getBrowseThreadsByCategory", mb__v_get_browse_threads_by_category, 3, &mb__s_get_browse_threads_by_category_data};
const mb_op *mb_get_browse_threads_by_category_op(void) { return &mb__op_get_browse_threads_by_category; }
mb_status mb_get_browse_threads_by_category(mb_client *c, const mb_get_browse_threads_by_category_vars *vars, mb_get_browse_threads_by_category_data *out, mb_get_browse_threads_by_category_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_browse_threads_by_category, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_browse_threads_by_category_decode(const mb_result *res, mb_get_browse_threads_by_category_data *out, mb_get_browse_threads_by_category_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_browse_threads_by_category_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getBrowseThreadsByUser */
static const char mb__q_get_browse_threads_by_user[] =
    "query getBrowseThreadsByUser($userId:uuid!$limit:Int$offset:Int){thread(orderBy:[{updatedAt:DESC}]li"
    "mit:$limit offset:$offset where:{isPublic:{_eq:true}isApproved:{_eq:true}userId:{_eq:$userId}}){...B"
    "rowseThread}threadAggregate(where:{isPublic:{_eq:true}isApproved:{_eq:true}userId:{_eq:$userId}}){ag"
    "gregate{count}}}fragment BrowseThread on Thread{threadId slug updatedAt chatbot{chatbotId name}user{"
    "username slug}messages(orderBy:[{createdAt:ASC}]limit:2){role content}}";
static const mb_field mb__s_get_browse_threads_by_user_thread_aggregate_aggregate_f[] = {
    {"count", offsetof(mb_get_browse_threads_by_user_thread_aggregate_aggregate, count), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_get_browse_threads_by_user_thread_aggregate_aggregate = {mb__s_get_browse_threads_by_user_thread_aggregate_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_user_thread_aggregate_aggregate)};
static const mb_field mb__s_get_browse_threads_by_user_thread_aggregate_f[] = {
    {"aggregate", offsetof(mb_get_browse_threads_by_user_thread_aggregate, aggregate), offsetof(mb_get_browse_threads_by_user_thread_aggregate, aggregate_null), MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_user_thread_aggregate_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_user_thread_aggregate = {mb__s_get_browse_threads_by_user_thread_aggregate_f, 1, MB_SHAPE_SIZE(mb_get_browse_threads_by_user_thread_aggregate)};
static const mb_field mb__s_get_browse_threads_by_user_data_f[] = {
    {"thread", offsetof(mb_get_browse_threads_by_user_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_browse_thread},
    {"threadAggregate", offsetof(mb_get_browse_threads_by_user_data, thread_aggregate), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_browse_threads_by_user_thread_aggregate},
};
static const mb_shape mb__s_get_browse_threads_by_user_data = {mb__s_get_browse_threads_by_user_data_f, 2, MB_SHAPE_SIZE(mb_get_browse_threads_by_user_data)};
static const mb_var mb__v_get_browse_threads_by_user[] = {
    {"userId", offsetof(mb_get_browse_threads_by_user_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"limit", offsetof(mb_get_browse_threads_by_user_vars, limit), offsetof(mb_get_browse_threads_by_user_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_browse_threads_by_user_vars, offset), offsetof(mb_get_browse_threads_by_user_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_browse_threads_by_user = {mb__q_get_browse_threads_by_user, "getBrowseThreadsByUser", mb__v_get_browse_threads_by_user, 3, &mb__s_get_browse_threads_by_user_data};
const mb_op *mb_get_browse_threads_by_user_op(void) { return &mb__op_get_browse_threads_by_user; }
mb_status mb_get_browse_threads_by_user(mb_client *c, const mb_get_browse_threads_by_user_vars *vars, mb_get_browse_threads_by_user_data *out, mb_get_browse_threads_by_user_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_browse_threads_by_user, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_browse_threads_by_user_decode(const mb_result *res, mb_get_browse_threads_by_user_data *out, mb_get_browse_threads_by_user_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_browse_threads_by_user_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getThread */
static const char mb__q_get_thread[] =
    "query getThread($threadId:uuid!){thread(where:{threadId:{_eq:$threadId}}){threadId slug isPublic isA"
    "pproved isBlocked model metadata createdAt updatedAt userId chatbot{chatbotId name avatar}messages(o"
    "rderBy:[{createdAt:ASC}]){messageId role content createdAt}}}";
static const mb_field mb__s_get_thread_thread_chatbot_f[] = {
    {"chatbotId", offsetof(mb_get_thread_thread_chatbot, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"name", offsetof(mb_get_thread_thread_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"avatar", offsetof(mb_get_thread_thread_chatbot, avatar), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_thread_thread_chatbot = {mb__s_get_thread_thread_chatbot_f, 3, MB_SHAPE_SIZE(mb_get_thread_thread_chatbot)};
static const mb_field mb__s_get_thread_thread_messages_f[] = {
    {"messageId", offsetof(mb_get_thread_thread_messages, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_get_thread_thread_messages, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_get_thread_thread_messages, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_get_thread_thread_messages, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_thread_thread_messages = {mb__s_get_thread_thread_messages_f, 4, MB_SHAPE_SIZE(mb_get_thread_thread_messages)};
static const mb_field mb__s_get_thread_thread_f[] = {
    {"threadId", offsetof(mb_get_thread_thread, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_get_thread_thread, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPublic", offsetof(mb_get_thread_thread, is_public), offsetof(mb_get_thread_thread, is_public_null), MB_T_BOOL, 0, 0, NULL},
    {"isApproved", offsetof(mb_get_thread_thread, is_approved), offsetof(mb_get_thread_thread, is_approved_null), MB_T_BOOL, 0, 0, NULL},
    {"isBlocked", offsetof(mb_get_thread_thread, is_blocked), offsetof(mb_get_thread_thread, is_blocked_null), MB_T_BOOL, 0, 0, NULL},
    {"model", offsetof(mb_get_thread_thread, model), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"metadata", offsetof(mb_get_thread_thread, metadata), MB_NO_NULL_FLAG, MB_T_JSON, 0, 0, NULL},
    {"createdAt", offsetof(mb_get_thread_thread, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"updatedAt", offsetof(mb_get_thread_thread, updated_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"userId", offsetof(mb_get_thread_thread, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"chatbot", offsetof(mb_get_thread_thread, chatbot), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_thread_thread_chatbot},
    {"messages", offsetof(mb_get_thread_thread, messages), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_thread_thread_messages},
};
static const mb_shape mb__s_get_thread_thread = {mb__s_get_thread_thread_f, 12, MB_SHAPE_SIZE(mb_get_thread_thread)};
static const mb_field mb__s_get_thread_data_f[] = {
    {"thread", offsetof(mb_get_thread_data, thread), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_thread_thread},
};
static const mb_shape mb__s_get_thread_data = {mb__s_get_thread_data_f, 1, MB_SHAPE_SIZE(mb_get_thread_data)};
static const mb_var mb__v_get_thread[] = {
    {"threadId", offsetof(mb_get_thread_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_get_thread = {mb__q_get_thread, "getThread", mb__v_get_thread, 1, &mb__s_get_thread_data};
const mb_op *mb_get_thread_op(void) { return &mb__op_get_thread; }
mb_status mb_get_thread(mb_client *c, const mb_get_thread_vars *vars, mb_get_thread_data *out, mb_get_thread_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_execute(c, &mb__op_get_thread, vars, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}
mb_status mb_get_thread_decode(const mb_result *res, mb_get_thread_data *out, mb_get_thread_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->thread;
    pools[0].cap = arrays->thread_cap;
    pools[1].base = arrays->thread_messages;
    pools[1].cap = arrays->thread_messages_cap;
    s = mb_typed_decode(res, &mb__s_get_thread_data, out, pools, 2);
    arrays->thread_needed = pools[0].needed;
    arrays->thread_messages_needed = pools[1].needed;
    return s;
}

/* getMessages */
static const char mb__q_get_messages[] =
    "query getMessages($threadId:uuid!$limit:Int$offset:Int){message(where:{threadId:{_eq:$threadId}}orde"
    "rBy:[{createdAt:ASC}]limit:$limit offset:$offset){messageId threadId role content slug createdAt mod"
    "el examples thinking}}";
static const mb_field mb__s_get_messages_message_f[] = {
    {"messageId", offsetof(mb_get_messages_message, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"threadId", offsetof(mb_get_messages_message, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_get_messages_message, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_get_messages_message, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_get_messages_message, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_get_messages_message, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"model", offsetof(mb_get_messages_message, model), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"examples", offsetof(mb_get_messages_message, examples), MB_NO_NULL_FLAG, MB_T_JSON, 0, 0, NULL},
    {"thinking", offsetof(mb_get_messages_message, thinking), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_messages_message = {mb__s_get_messages_message_f, 9, MB_SHAPE_SIZE(mb_get_messages_message)};
static const mb_field mb__s_get_messages_data_f[] = {
    {"message", offsetof(mb_get_messages_data, message), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_messages_message},
};
static const mb_shape mb__s_get_messages_data = {mb__s_get_messages_data_f, 1, MB_SHAPE_SIZE(mb_get_messages_data)};
static const mb_var mb__v_get_messages[] = {
    {"threadId", offsetof(mb_get_messages_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"limit", offsetof(mb_get_messages_vars, limit), offsetof(mb_get_messages_vars, has_limit), MB_T_I32},
    {"offset", offsetof(mb_get_messages_vars, offset), offsetof(mb_get_messages_vars, has_offset), MB_T_I32},
};
static const mb_op mb__op_get_messages = {mb__q_get_messages, "getMessages", mb__v_get_messages, 3, &mb__s_get_messages_data};
const mb_op *mb_get_messages_op(void) { return &mb__op_get_messages; }
mb_status mb_get_messages(mb_client *c, const mb_get_messages_vars *vars, mb_get_messages_data *out, mb_get_messages_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->message;
    pools[0].cap = arrays->message_cap;
    s = mb_typed_execute(c, &mb__op_get_messages, vars, out, pools, 1);
    arrays->message_needed = pools[0].needed;
    return s;
}
mb_status mb_get_messages_decode(const mb_result *res, mb_get_messages_data *out, mb_get_messages_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->message;
    pools[0].cap = arrays->message_cap;
    s = mb_typed_decode(res, &mb__s_get_messages_data, out, pools, 1);
    arrays->message_needed = pools[0].needed;
    return s;
}

/* createThread */
static const char mb__q_create_thread[] =
    "mutation createThread($threadId:uuid!$chatbotId:Int!$slug:String!$isPublic:Boolean=false$model:Model"
    "sEnumEnum=OPENAI){insertThreadOne(object:{threadId:$threadId chatbotId:$chatbotId slug:$slug isPubli"
    "c:$isPublic model:$model}onConflict:{constraint:thread_id_key updateColumns:[]}){threadId slug userI"
    "d isPublic createdAt}}";
static const mb_field mb__s_create_thread_insert_thread_one_f[] = {
    {"threadId", offsetof(mb_create_thread_insert_thread_one, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_create_thread_insert_thread_one, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"userId", offsetof(mb_create_thread_insert_thread_one, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPublic", offsetof(mb_create_thread_insert_thread_one, is_public), offsetof(mb_create_thread_insert_thread_one, is_public_null), MB_T_BOOL, 0, 0, NULL},
    {"createdAt", offsetof(mb_create_thread_insert_thread_one, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_create_thread_insert_thread_one = {mb__s_create_thread_insert_thread_one_f, 5, MB_SHAPE_SIZE(mb_create_thread_insert_thread_one)};
static const mb_field mb__s_create_thread_data_f[] = {
    {"insertThreadOne", offsetof(mb_create_thread_data, insert_thread_one), offsetof(mb_create_thread_data, insert_thread_one_null), MB_T_OBJ, 0, 0, &mb__s_create_thread_insert_thread_one},
};
static const mb_shape mb__s_create_thread_data = {mb__s_create_thread_data_f, 1, MB_SHAPE_SIZE(mb_create_thread_data)};
static const mb_var mb__v_create_thread[] = {
    {"threadId", offsetof(mb_create_thread_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"chatbotId", offsetof(mb_create_thread_vars, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32},
    {"slug", offsetof(mb_create_thread_vars, slug), MB_NO_NULL_FLAG, MB_T_STR},
    {"isPublic", offsetof(mb_create_thread_vars, is_public), offsetof(mb_create_thread_vars, has_is_public), MB_T_BOOL},
    {"model", offsetof(mb_create_thread_vars, model), offsetof(mb_create_thread_vars, has_model), MB_T_STR},
};
static const mb_op mb__op_create_thread = {mb__q_create_thread, "createThread", mb__v_create_thread, 5, &mb__s_create_thread_data};
const mb_op *mb_create_thread_op(void) { return &mb__op_create_thread; }
mb_status mb_create_thread(mb_client *c, const mb_create_thread_vars *vars, mb_create_thread_data *out) {
    return mb_typed_execute(c, &mb__op_create_thread, vars, out, NULL, 0);
}
mb_status mb_create_thread_decode(const mb_result *res, mb_create_thread_data *out) {
    return mb_typed_decode(res, &mb__s_create_thread_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_create_thread_queued(mb_outbox *o, const mb_create_thread_vars *vars) { return mb_outbox_push(o, &mb__op_create_thread, vars); }
#endif

/* saveNewMessage */
static const char mb__q_save_new_message[] =
    "mutation saveNewMessage($messageId:uuid!$threadId:uuid!$role:String!$content:String!$slug:String!$mo"
    "del:String){insertMessageOne(object:{messageId:$messageId threadId:$threadId role:$role content:$con"
    "tent slug:$slug model:$model}onConflict:{constraint:message_id_key updateColumns:[]}){messageId thre"
    "adId role content slug createdAt}}";
static const mb_field mb__s_save_new_message_insert_message_one_f[] = {
    {"messageId", offsetof(mb_save_new_message_insert_message_one, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"threadId", offsetof(mb_save_new_message_insert_message_one, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_save_new_message_insert_message_one, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_save_new_message_insert_message_one, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_save_new_message_insert_message_one, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_save_new_message_insert_message_one, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_save_new_message_insert_message_one = {mb__s_save_new_message_insert_message_one_f, 6, MB_SHAPE_SIZE(mb_save_new_message_insert_message_one)};
static const mb_field mb__s_save_new_message_data_f[] = {
    {"insertMessageOne", offsetof(mb_save_new_message_data, insert_message_one), offsetof(mb_save_new_message_data, insert_message_one_null), MB_T_OBJ, 0, 0, &mb__s_save_new_message_insert_message_one},
};
static const mb_shape mb__s_save_new_message_data = {mb__s_save_new_message_data_f, 1, MB_SHAPE_SIZE(mb_save_new_message_data)};
static const mb_var mb__v_save_new_message[] = {
    {"messageId", offsetof(mb_save_new_message_vars, message_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"threadId", offsetof(mb_save_new_message_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"role", offsetof(mb_save_new_message_vars, role), MB_NO_NULL_FLAG, MB_T_STR},
    {"content", offsetof(mb_save_new_message_vars, content), MB_NO_NULL_FLAG, MB_T_STR},
    {"slug", offsetof(mb_save_new_message_vars, slug), MB_NO_NULL_FLAG, MB_T_STR},
    {"model", offsetof(mb_save_new_message_vars, model), offsetof(mb_save_new_message_vars, has_model), MB_T_STR},
};
static const mb_op mb__op_save_new_message = {mb__q_save_new_message, "saveNewMessage", mb__v_save_new_message, 6, &mb__s_save_new_message_data};
const mb_op *mb_save_new_message_op(void) { return &mb__op_save_new_message; }
mb_status mb_save_new_message(mb_client *c, const mb_save_new_message_vars *vars, mb_save_new_message_data *out) {
    return mb_typed_execute(c, &mb__op_save_new_message, vars, out, NULL, 0);
}
mb_status mb_save_new_message_decode(const mb_result *res, mb_save_new_message_data *out) {
    return mb_typed_decode(res, &mb__s_save_new_message_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_save_new_message_queued(mb_outbox *o, const mb_save_new_message_vars *vars) { return mb_outbox_push(o, &mb__op_save_new_message, vars); }
#endif

/* saveNewMessageAt */
static const char mb__q_save_new_message_at[] =
    "mutation saveNewMessageAt($messageId:uuid!$threadId:uuid!$role:String!$content:String!$slug:String!$"
    "model:String$createdAt:timestamptz!){insertMessageOne(object:{messageId:$messageId threadId:$threadI"
    "d role:$role content:$content slug:$slug model:$model createdAt:$createdAt}onConflict:{constraint:me"
    "ssage_id_key updateColumns:[]}){messageId threadId role content slug createdAt}}";
static const mb_field mb__s_save_new_message_at_insert_message_one_f[] = {
    {"messageId", offsetof(mb_save_new_message_at_insert_message_one, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"threadId", offsetof(mb_save_new_message_at_insert_message_one, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_save_new_message_at_insert_message_one, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_save_new_message_at_insert_message_one, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_save_new_message_at_insert_message_one, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_save_new_message_at_insert_message_one, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_save_new_message_at_insert_message_one = {mb__s_save_new_message_at_insert_message_one_f, 6, MB_SHAPE_SIZE(mb_save_new_message_at_insert_message_one)};
static const mb_field mb__s_save_new_message_at_data_f[] = {
    {"insertMessageOne", offsetof(mb_save_new_message_at_data, insert_message_one), offsetof(mb_save_new_message_at_data, insert_message_one_null), MB_T_OBJ, 0, 0, &mb__s_save_new_message_at_insert_message_one},
};
static const mb_shape mb__s_save_new_message_at_data = {mb__s_save_new_message_at_data_f, 1, MB_SHAPE_SIZE(mb_save_new_message_at_data)};
static const mb_var mb__v_save_new_message_at[] = {
    {"messageId", offsetof(mb_save_new_message_at_vars, message_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"threadId", offsetof(mb_save_new_message_at_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"role", offsetof(mb_save_new_message_at_vars, role), MB_NO_NULL_FLAG, MB_T_STR},
    {"content", offsetof(mb_save_new_message_at_vars, content), MB_NO_NULL_FLAG, MB_T_STR},
    {"slug", offsetof(mb_save_new_message_at_vars, slug), MB_NO_NULL_FLAG, MB_T_STR},
    {"model", offsetof(mb_save_new_message_at_vars, model), offsetof(mb_save_new_message_at_vars, has_model), MB_T_STR},
    {"createdAt", offsetof(mb_save_new_message_at_vars, created_at), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_save_new_message_at = {mb__q_save_new_message_at, "saveNewMessageAt", mb__v_save_new_message_at, 7, &mb__s_save_new_message_at_data};
const mb_op *mb_save_new_message_at_op(void) { return &mb__op_save_new_message_at; }
mb_status mb_save_new_message_at(mb_client *c, const mb_save_new_message_at_vars *vars, mb_save_new_message_at_data *out) {
    return mb_typed_execute(c, &mb__op_save_new_message_at, vars, out, NULL, 0);
}
mb_status mb_save_new_message_at_decode(const mb_result *res, mb_save_new_message_at_data *out) {
    return mb_typed_decode(res, &mb__s_save_new_message_at_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_save_new_message_at_queued(mb_outbox *o, const mb_save_new_message_at_vars *vars) { return mb_outbox_push(o, &mb__op_save_new_message_at, vars); }
#endif

/* updateMessage */
static const char mb__q_update_message[] =
    "mutation updateMessage($messageId:uuid!$content:String!){updateMessage(where:{messageId:{_eq:$messag"
    "eId}}_set:{content:$content}){affectedRows returning{messageId content}}}";
static const mb_field mb__s_update_message_update_message_returning_f[] = {
    {"messageId", offsetof(mb_update_message_update_message_returning, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_update_message_update_message_returning, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_update_message_update_message_returning = {mb__s_update_message_update_message_returning_f, 2, MB_SHAPE_SIZE(mb_update_message_update_message_returning)};
static const mb_field mb__s_update_message_update_message_f[] = {
    {"affectedRows", offsetof(mb_update_message_update_message, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"returning", offsetof(mb_update_message_update_message, returning), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_update_message_update_message_returning},
};
static const mb_shape mb__s_update_message_update_message = {mb__s_update_message_update_message_f, 2, MB_SHAPE_SIZE(mb_update_message_update_message)};
static const mb_field mb__s_update_message_data_f[] = {
    {"updateMessage", offsetof(mb_update_message_data, update_message), offsetof(mb_update_message_data, update_message_null), MB_T_OBJ, 0, 0, &mb__s_update_message_update_message},
};
static const mb_shape mb__s_update_message_data = {mb__s_update_message_data_f, 1, MB_SHAPE_SIZE(mb_update_message_data)};
static const mb_var mb__v_update_message[] = {
    {"messageId", offsetof(mb_update_message_vars, message_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"content", offsetof(mb_update_message_vars, content), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_update_message = {mb__q_update_message, "updateMessage", mb__v_update_message, 2, &mb__s_update_message_data};
const mb_op *mb_update_message_op(void) { return &mb__op_update_message; }
mb_status mb_update_message(mb_client *c, const mb_update_message_vars *vars, mb_update_message_data *out, mb_update_message_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_message_returning;
    pools[0].cap = arrays->update_message_returning_cap;
    s = mb_typed_execute(c, &mb__op_update_message, vars, out, pools, 1);
    arrays->update_message_returning_needed = pools[0].needed;
    return s;
}
mb_status mb_update_message_decode(const mb_result *res, mb_update_message_data *out, mb_update_message_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_message_returning;
    pools[0].cap = arrays->update_message_returning_cap;
    s = mb_typed_decode(res, &mb__s_update_message_data, out, pools, 1);
    arrays->update_message_returning_needed = pools[0].needed;
    return s;
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_update_message_queued(mb_outbox *o, const mb_update_message_vars *vars) { return mb_outbox_push(o, &mb__op_update_message, vars); }
#endif

/* updateThreadVisibility */
static const char mb__q_update_thread_visibility[] =
    "mutation updateThreadVisibility($threadId:uuid!$isPublic:Boolean!){updateThread(where:{threadId:{_eq"
    ":$threadId}}_set:{isPublic:$isPublic}){affectedRows returning{threadId isPublic}}}";
static const mb_field mb__s_update_thread_visibility_update_thread_returning_f[] = {
    {"threadId", offsetof(mb_update_thread_visibility_update_thread_returning, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isPublic", offsetof(mb_update_thread_visibility_update_thread_returning, is_public), offsetof(mb_update_thread_visibility_update_thread_returning, is_public_null), MB_T_BOOL, 0, 0, NULL},
};
static const mb_shape mb__s_update_thread_visibility_update_thread_returning = {mb__s_update_thread_visibility_update_thread_returning_f, 2, MB_SHAPE_SIZE(mb_update_thread_visibility_update_thread_returning)};
static const mb_field mb__s_update_thread_visibility_update_thread_f[] = {
    {"affectedRows", offsetof(mb_update_thread_visibility_update_thread, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"returning", offsetof(mb_update_thread_visibility_update_thread, returning), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_update_thread_visibility_update_thread_returning},
};
static const mb_shape mb__s_update_thread_visibility_update_thread = {mb__s_update_thread_visibility_update_thread_f, 2, MB_SHAPE_SIZE(mb_update_thread_visibility_update_thread)};
static const mb_field mb__s_update_thread_visibility_data_f[] = {
    {"updateThread", offsetof(mb_update_thread_visibility_data, update_thread), offsetof(mb_update_thread_visibility_data, update_thread_null), MB_T_OBJ, 0, 0, &mb__s_update_thread_visibility_update_thread},
};
static const mb_shape mb__s_update_thread_visibility_data = {mb__s_update_thread_visibility_data_f, 1, MB_SHAPE_SIZE(mb_update_thread_visibility_data)};
static const mb_var mb__v_update_thread_visibility[] = {
    {"threadId", offsetof(mb_update_thread_visibility_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"isPublic", offsetof(mb_update_thread_visibility_vars, is_public), MB_NO_NULL_FLAG, MB_T_BOOL},
};
static const mb_op mb__op_update_thread_visibility = {mb__q_update_thread_visibility, "updateThreadVisibility", mb__v_update_thread_visibility, 2, &mb__s_update_thread_visibility_data};
const mb_op *mb_update_thread_visibility_op(void) { return &mb__op_update_thread_visibility; }
mb_status mb_update_thread_visibility(mb_client *c, const mb_update_thread_visibility_vars *vars, mb_update_thread_visibility_data *out, mb_update_thread_visibility_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_thread_returning;
    pools[0].cap = arrays->update_thread_returning_cap;
    s = mb_typed_execute(c, &mb__op_update_thread_visibility, vars, out, pools, 1);
    arrays->update_thread_returning_needed = pools[0].needed;
    return s;
}
mb_status mb_update_thread_visibility_decode(const mb_result *res, mb_update_thread_visibility_data *out, mb_update_thread_visibility_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_thread_returning;
    pools[0].cap = arrays->update_thread_returning_cap;
    s = mb_typed_decode(res, &mb__s_update_thread_visibility_data, out, pools, 1);
    arrays->update_thread_returning_needed = pools[0].needed;
    return s;
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_update_thread_visibility_queued(mb_outbox *o, const mb_update_thread_visibility_vars *vars) { return mb_outbox_push(o, &mb__op_update_thread_visibility, vars); }
#endif

/* deleteThread */
static const char mb__q_delete_thread[] =
    "mutation deleteThread($threadId:uuid!$userId:uuid!){deleteThread(where:{threadId:{_eq:$threadId}user"
    "Id:{_eq:$userId}}){affectedRows}}";
static const mb_field mb__s_delete_thread_delete_thread_f[] = {
    {"affectedRows", offsetof(mb_delete_thread_delete_thread, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_delete_thread_delete_thread = {mb__s_delete_thread_delete_thread_f, 1, MB_SHAPE_SIZE(mb_delete_thread_delete_thread)};
static const mb_field mb__s_delete_thread_data_f[] = {
    {"deleteThread", offsetof(mb_delete_thread_data, delete_thread), offsetof(mb_delete_thread_data, delete_thread_null), MB_T_OBJ, 0, 0, &mb__s_delete_thread_delete_thread},
};
static const mb_shape mb__s_delete_thread_data = {mb__s_delete_thread_data_f, 1, MB_SHAPE_SIZE(mb_delete_thread_data)};
static const mb_var mb__v_delete_thread[] = {
    {"threadId", offsetof(mb_delete_thread_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"userId", offsetof(mb_delete_thread_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_delete_thread = {mb__q_delete_thread, "deleteThread", mb__v_delete_thread, 2, &mb__s_delete_thread_data};
const mb_op *mb_delete_thread_op(void) { return &mb__op_delete_thread; }
mb_status mb_delete_thread(mb_client *c, const mb_delete_thread_vars *vars, mb_delete_thread_data *out) {
    return mb_typed_execute(c, &mb__op_delete_thread, vars, out, NULL, 0);
}
mb_status mb_delete_thread_decode(const mb_result *res, mb_delete_thread_data *out) {
    return mb_typed_decode(res, &mb__s_delete_thread_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_delete_thread_queued(mb_outbox *o, const mb_delete_thread_vars *vars) { return mb_outbox_push(o, &mb__op_delete_thread, vars); }
#endif

/* threadMessages */
static const char mb__q_thread_messages[] =
    "subscription threadMessages($threadId:uuid!$since:timestamptz!){messageStream(batchSize:10 cursor:{i"
    "nitialValue:{createdAt:$since}ordering:ASC}where:{threadId:{_eq:$threadId}}){messageId threadId role"
    " content createdAt}}";
static const mb_field mb__s_thread_messages_message_stream_f[] = {
    {"messageId", offsetof(mb_thread_messages_message_stream, message_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"threadId", offsetof(mb_thread_messages_message_stream, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"role", offsetof(mb_thread_messages_message_stream, role), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"content", offsetof(mb_thread_messages_message_stream, content), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"createdAt", offsetof(mb_thread_messages_message_stream, created_at), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_thread_messages_message_stream = {mb__s_thread_messages_message_stream_f, 5, MB_SHAPE_SIZE(mb_thread_messages_message_stream)};
static const mb_field mb__s_thread_messages_data_f[] = {
    {"messageStream", offsetof(mb_thread_messages_data, message_stream), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_thread_messages_message_stream},
};
static const mb_shape mb__s_thread_messages_data = {mb__s_thread_messages_data_f, 1, MB_SHAPE_SIZE(mb_thread_messages_data)};
static const mb_var mb__v_thread_messages[] = {
    {"threadId", offsetof(mb_thread_messages_vars, thread_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"since", offsetof(mb_thread_messages_vars, since), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_thread_messages = {mb__q_thread_messages, "threadMessages", mb__v_thread_messages, 2, &mb__s_thread_messages_data};
const mb_op *mb_thread_messages_op(void) { return &mb__op_thread_messages; }
mb_status mb_thread_messages_decode(const mb_result *res, mb_thread_messages_data *out, mb_thread_messages_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->message_stream;
    pools[0].cap = arrays->message_stream_cap;
    s = mb_typed_decode(res, &mb__s_thread_messages_data, out, pools, 1);
    arrays->message_stream_needed = pools[0].needed;
    return s;
}

/* getUserBySlug */
static const char mb__q_get_user_by_slug[] =
    "query getUserBySlug($slug:String!){user(where:{slug:{_eq:$slug}}){userId username slug profilePictur"
    "e bio favouriteTopic isVerified threads(where:{isPublic:{_eq:true}isApproved:{_eq:true}}orderBy:[{up"
    "datedAt:DESC}]limit:20){threadId slug chatbot{name}}}}";
static const mb_field mb__s_get_user_by_slug_user_threads_chatbot_f[] = {
    {"name", offsetof(mb_get_user_by_slug_user_threads_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_get_user_by_slug_user_threads_chatbot = {mb__s_get_user_by_slug_user_threads_chatbot_f, 1, MB_SHAPE_SIZE(mb_get_user_by_slug_user_threads_chatbot)};
static const mb_field mb__s_get_user_by_slug_user_threads_f[] = {
    {"threadId", offsetof(mb_get_user_by_slug_user_threads, thread_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_get_user_by_slug_user_threads, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"chatbot", offsetof(mb_get_user_by_slug_user_threads, chatbot), MB_NO_NULL_FLAG, MB_T_OBJ, 0, 0, &mb__s_get_user_by_slug_user_threads_chatbot},
};
static const mb_shape mb__s_get_user_by_slug_user_threads = {mb__s_get_user_by_slug_user_threads_f, 3, MB_SHAPE_SIZE(mb_get_user_by_slug_user_threads)};
static const mb_field mb__s_get_user_by_slug_user_f[] = {
    {"userId", offsetof(mb_get_user_by_slug_user, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"username", offsetof(mb_get_user_by_slug_user, username), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"slug", offsetof(mb_get_user_by_slug_user, slug), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"profilePicture", offsetof(mb_get_user_by_slug_user, profile_picture), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"bio", offsetof(mb_get_user_by_slug_user, bio), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"favouriteTopic", offsetof(mb_get_user_by_slug_user, favourite_topic), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"isVerified", offsetof(mb_get_user_by_slug_user, is_verified), offsetof(mb_get_user_by_slug_user, is_verified_null), MB_T_BOOL, 0, 0, NULL},
    {"threads", offsetof(mb_get_user_by_slug_user, threads), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_user_by_slug_user_threads},
};
static const mb_shape mb__s_get_user_by_slug_user = {mb__s_get_user_by_slug_user_f, 8, MB_SHAPE_SIZE(mb_get_user_by_slug_user)};
static const mb_field mb__s_get_user_by_slug_data_f[] = {
    {"user", offsetof(mb_get_user_by_slug_data, user), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_user_by_slug_user},
};
static const mb_shape mb__s_get_user_by_slug_data = {mb__s_get_user_by_slug_data_f, 1, MB_SHAPE_SIZE(mb_get_user_by_slug_data)};
static const mb_var mb__v_get_user_by_slug[] = {
    {"slug", offsetof(mb_get_user_by_slug_vars, slug), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_get_user_by_slug = {mb__q_get_user_by_slug, "getUserBySlug", mb__v_get_user_by_slug, 1, &mb__s_get_user_by_slug_data};
const mb_op *mb_get_user_by_slug_op(void) { return &mb__op_get_user_by_slug; }
mb_status mb_get_user_by_slug(mb_client *c, const mb_get_user_by_slug_vars *vars, mb_get_user_by_slug_data *out, mb_get_user_by_slug_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->user;
    pools[0].cap = arrays->user_cap;
    pools[1].base = arrays->user_threads;
    pools[1].cap = arrays->user_threads_cap;
    s = mb_typed_execute(c, &mb__op_get_user_by_slug, vars, out, pools, 2);
    arrays->user_needed = pools[0].needed;
    arrays->user_threads_needed = pools[1].needed;
    return s;
}
mb_status mb_get_user_by_slug_decode(const mb_result *res, mb_get_user_by_slug_data *out, mb_get_user_by_slug_arrays *arrays) {
    mb_pool pools[2];
    mb_status s;
    pools[0].base = arrays->user;
    pools[0].cap = arrays->user_cap;
    pools[1].base = arrays->user_threads;
    pools[1].cap = arrays->user_threads_cap;
    s = mb_typed_decode(res, &mb__s_get_user_by_slug_data, out, pools, 2);
    arrays->user_needed = pools[0].needed;
    arrays->user_threads_needed = pools[1].needed;
    return s;
}

/* getPreference */
static const char mb__q_get_preference[] =
    "query getPreference($userId:uuid!){preference(where:{userId:{_eq:$userId}}){preferenceId userId pref"
    "erredComplexity preferredLength preferredTone preferredType webSearch deepExpertise favorite}}";
static const mb_field mb__s_get_preference_preference_f[] = {
    {"preferenceId", offsetof(mb_get_preference_preference, preference_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"userId", offsetof(mb_get_preference_preference, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredComplexity", offsetof(mb_get_preference_preference, preferred_complexity), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredLength", offsetof(mb_get_preference_preference, preferred_length), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredTone", offsetof(mb_get_preference_preference, preferred_tone), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredType", offsetof(mb_get_preference_preference, preferred_type), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"webSearch", offsetof(mb_get_preference_preference, web_search), offsetof(mb_get_preference_preference, web_search_null), MB_T_BOOL, 0, 0, NULL},
    {"deepExpertise", offsetof(mb_get_preference_preference, deep_expertise), offsetof(mb_get_preference_preference, deep_expertise_null), MB_T_BOOL, 0, 0, NULL},
    {"favorite", offsetof(mb_get_preference_preference, favorite), offsetof(mb_get_preference_preference, favorite_null), MB_T_BOOL, 0, 0, NULL},
};
static const mb_shape mb__s_get_preference_preference = {mb__s_get_preference_preference_f, 9, MB_SHAPE_SIZE(mb_get_preference_preference)};
static const mb_field mb__s_get_preference_data_f[] = {
    {"preference", offsetof(mb_get_preference_data, preference), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_get_preference_preference},
};
static const mb_shape mb__s_get_preference_data = {mb__s_get_preference_data_f, 1, MB_SHAPE_SIZE(mb_get_preference_data)};
static const mb_var mb__v_get_preference[] = {
    {"userId", offsetof(mb_get_preference_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
};
static const mb_op mb__op_get_preference = {mb__q_get_preference, "getPreference", mb__v_get_preference, 1, &mb__s_get_preference_data};
const mb_op *mb_get_preference_op(void) { return &mb__op_get_preference; }
mb_status mb_get_preference(mb_client *c, const mb_get_preference_vars *vars, mb_get_preference_data *out, mb_get_preference_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->preference;
    pools[0].cap = arrays->preference_cap;
    s = mb_typed_execute(c, &mb__op_get_preference, vars, out, pools, 1);
    arrays->preference_needed = pools[0].needed;
    return s;
}
mb_status mb_get_preference_decode(const mb_result *res, mb_get_preference_data *out, mb_get_preference_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->preference;
    pools[0].cap = arrays->preference_cap;
    s = mb_typed_decode(res, &mb__s_get_preference_data, out, pools, 1);
    arrays->preference_needed = pools[0].needed;
    return s;
}

/* insertPreference */
static const char mb__q_insert_preference[] =
    "mutation insertPreference($userId:uuid!$preferredComplexity:String=\"general\"$preferredLength:String="
    "\"detailed\"$preferredTone:String=\"neutral\"$preferredType:String=\"mix\"$webSearch:Boolean=false$deepExp"
    "ertise:Boolean=false){insertPreferenceOne(object:{userId:$userId preferredComplexity:$preferredCompl"
    "exity preferredLength:$preferredLength preferredTone:$preferredTone preferredType:$preferredType web"
    "Search:$webSearch deepExpertise:$deepExpertise}){preferenceId userId preferredComplexity preferredLe"
    "ngth preferredTone preferredType webSearch deepExpertise}}";
static const mb_field mb__s_insert_preference_insert_preference_one_f[] = {
    {"preferenceId", offsetof(mb_insert_preference_insert_preference_one, preference_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"userId", offsetof(mb_insert_preference_insert_preference_one, user_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredComplexity", offsetof(mb_insert_preference_insert_preference_one, preferred_complexity), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredLength", offsetof(mb_insert_preference_insert_preference_one, preferred_length), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredTone", offsetof(mb_insert_preference_insert_preference_one, preferred_tone), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredType", offsetof(mb_insert_preference_insert_preference_one, preferred_type), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"webSearch", offsetof(mb_insert_preference_insert_preference_one, web_search), offsetof(mb_insert_preference_insert_preference_one, web_search_null), MB_T_BOOL, 0, 0, NULL},
    {"deepExpertise", offsetof(mb_insert_preference_insert_preference_one, deep_expertise), offsetof(mb_insert_preference_insert_preference_one, deep_expertise_null), MB_T_BOOL, 0, 0, NULL},
};
static const mb_shape mb__s_insert_preference_insert_preference_one = {mb__s_insert_preference_insert_preference_one_f, 8, MB_SHAPE_SIZE(mb_insert_preference_insert_preference_one)};
static const mb_field mb__s_insert_preference_data_f[] = {
    {"insertPreferenceOne", offsetof(mb_insert_preference_data, insert_preference_one), offsetof(mb_insert_preference_data, insert_preference_one_null), MB_T_OBJ, 0, 0, &mb__s_insert_preference_insert_preference_one},
};
static const mb_shape mb__s_insert_preference_data = {mb__s_insert_preference_data_f, 1, MB_SHAPE_SIZE(mb_insert_preference_data)};
static const mb_var mb__v_insert_preference[] = {
    {"userId", offsetof(mb_insert_preference_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"preferredComplexity", offsetof(mb_insert_preference_vars, preferred_complexity), offsetof(mb_insert_preference_vars, has_preferred_complexity), MB_T_STR},
    {"preferredLength", offsetof(mb_insert_preference_vars, preferred_length), offsetof(mb_insert_preference_vars, has_preferred_length), MB_T_STR},
    {"preferredTone", offsetof(mb_insert_preference_vars, preferred_tone), offsetof(mb_insert_preference_vars, has_preferred_tone), MB_T_STR},
    {"preferredType", offsetof(mb_insert_preference_vars, preferred_type), offsetof(mb_insert_preference_vars, has_preferred_type), MB_T_STR},
    {"webSearch", offsetof(mb_insert_preference_vars, web_search), offsetof(mb_insert_preference_vars, has_web_search), MB_T_BOOL},
    {"deepExpertise", offsetof(mb_insert_preference_vars, deep_expertise), offsetof(mb_insert_preference_vars, has_deep_expertise), MB_T_BOOL},
};
static const mb_op mb__op_insert_preference = {mb__q_insert_preference, "insertPreference", mb__v_insert_preference, 7, &mb__s_insert_preference_data};
const mb_op *mb_insert_preference_op(void) { return &mb__op_insert_preference; }
mb_status mb_insert_preference(mb_client *c, const mb_insert_preference_vars *vars, mb_insert_preference_data *out) {
    return mb_typed_execute(c, &mb__op_insert_preference, vars, out, NULL, 0);
}
mb_status mb_insert_preference_decode(const mb_result *res, mb_insert_preference_data *out) {
    return mb_typed_decode(res, &mb__s_insert_preference_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_insert_preference_queued(mb_outbox *o, const mb_insert_preference_vars *vars) { return mb_outbox_push(o, &mb__op_insert_preference, vars); }
#endif

/* updatePreference */
static const char mb__q_update_preference[] =
    "mutation updatePreference($userId:uuid!$preferredComplexity:String!$preferredLength:String!$preferre"
    "dTone:String!$preferredType:String!$webSearch:Boolean!$deepExpertise:Boolean!){updatePreference(wher"
    "e:{userId:{_eq:$userId}}_set:{preferredComplexity:$preferredComplexity preferredLength:$preferredLen"
    "gth preferredTone:$preferredTone preferredType:$preferredType webSearch:$webSearch deepExpertise:$de"
    "epExpertise}){affectedRows returning{preferenceId preferredComplexity preferredLength preferredTone "
    "preferredType webSearch deepExpertise}}}";
static const mb_field mb__s_update_preference_update_preference_returning_f[] = {
    {"preferenceId", offsetof(mb_update_preference_update_preference_returning, preference_id), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"preferredComplexity", offsetof(mb_update_preference_update_preference_returning, preferred_complexity), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredLength", offsetof(mb_update_preference_update_preference_returning, preferred_length), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredTone", offsetof(mb_update_preference_update_preference_returning, preferred_tone), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"preferredType", offsetof(mb_update_preference_update_preference_returning, preferred_type), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"webSearch", offsetof(mb_update_preference_update_preference_returning, web_search), offsetof(mb_update_preference_update_preference_returning, web_search_null), MB_T_BOOL, 0, 0, NULL},
    {"deepExpertise", offsetof(mb_update_preference_update_preference_returning, deep_expertise), offsetof(mb_update_preference_update_preference_returning, deep_expertise_null), MB_T_BOOL, 0, 0, NULL},
};
static const mb_shape mb__s_update_preference_update_preference_returning = {mb__s_update_preference_update_preference_returning_f, 7, MB_SHAPE_SIZE(mb_update_preference_update_preference_returning)};
static const mb_field mb__s_update_preference_update_preference_f[] = {
    {"affectedRows", offsetof(mb_update_preference_update_preference, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
    {"returning", offsetof(mb_update_preference_update_preference, returning), MB_NO_NULL_FLAG, MB_T_ARR, MB_T_OBJ, 0, &mb__s_update_preference_update_preference_returning},
};
static const mb_shape mb__s_update_preference_update_preference = {mb__s_update_preference_update_preference_f, 2, MB_SHAPE_SIZE(mb_update_preference_update_preference)};
static const mb_field mb__s_update_preference_data_f[] = {
    {"updatePreference", offsetof(mb_update_preference_data, update_preference), offsetof(mb_update_preference_data, update_preference_null), MB_T_OBJ, 0, 0, &mb__s_update_preference_update_preference},
};
static const mb_shape mb__s_update_preference_data = {mb__s_update_preference_data_f, 1, MB_SHAPE_SIZE(mb_update_preference_data)};
static const mb_var mb__v_update_preference[] = {
    {"userId", offsetof(mb_update_preference_vars, user_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"preferredComplexity", offsetof(mb_update_preference_vars, preferred_complexity), MB_NO_NULL_FLAG, MB_T_STR},
    {"preferredLength", offsetof(mb_update_preference_vars, preferred_length), MB_NO_NULL_FLAG, MB_T_STR},
    {"preferredTone", offsetof(mb_update_preference_vars, preferred_tone), MB_NO_NULL_FLAG, MB_T_STR},
    {"preferredType", offsetof(mb_update_preference_vars, preferred_type), MB_NO_NULL_FLAG, MB_T_STR},
    {"webSearch", offsetof(mb_update_preference_vars, web_search), MB_NO_NULL_FLAG, MB_T_BOOL},
    {"deepExpertise", offsetof(mb_update_preference_vars, deep_expertise), MB_NO_NULL_FLAG, MB_T_BOOL},
};
static const mb_op mb__op_update_preference = {mb__q_update_preference, "updatePreference", mb__v_update_preference, 7, &mb__s_update_preference_data};
const mb_op *mb_update_preference_op(void) { return &mb__op_update_preference; }
mb_status mb_update_preference(mb_client *c, const mb_update_preference_vars *vars, mb_update_preference_data *out, mb_update_preference_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_preference_returning;
    pools[0].cap = arrays->update_preference_returning_cap;
    s = mb_typed_execute(c, &mb__op_update_preference, vars, out, pools, 1);
    arrays->update_preference_returning_needed = pools[0].needed;
    return s;
}
mb_status mb_update_preference_decode(const mb_result *res, mb_update_preference_data *out, mb_update_preference_arrays *arrays) {
    mb_pool pools[1];
    mb_status s;
    pools[0].base = arrays->update_preference_returning;
    pools[0].cap = arrays->update_preference_returning_cap;
    s = mb_typed_decode(res, &mb__s_update_preference_data, out, pools, 1);
    arrays->update_preference_returning_needed = pools[0].needed;
    return s;
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_update_preference_queued(mb_outbox *o, const mb_update_preference_vars *vars) { return mb_outbox_push(o, &mb__op_update_preference, vars); }
#endif

/* followChatbot */
static const char mb__q_follow_chatbot[] =
    "mutation followChatbot($followerId:uuid!$chatbotId:Int!){deleteSocialFollowing(where:{followerId:{_e"
    "q:$followerId}followeeIdChatbot:{_eq:$chatbotId}}){affectedRows}insertSocialFollowingOne(object:{fol"
    "lowerId:$followerId followeeIdChatbot:$chatbotId}){followerId followeeIdChatbot chatbot{name}}}";
static const mb_field mb__s_follow_chatbot_delete_social_following_f[] = {
    {"affectedRows", offsetof(mb_follow_chatbot_delete_social_following, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_follow_chatbot_delete_social_following = {mb__s_follow_chatbot_delete_social_following_f, 1, MB_SHAPE_SIZE(mb_follow_chatbot_delete_social_following)};
static const mb_field mb__s_follow_chatbot_insert_social_following_one_chatbot_f[] = {
    {"name", offsetof(mb_follow_chatbot_insert_social_following_one_chatbot, name), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
};
static const mb_shape mb__s_follow_chatbot_insert_social_following_one_chatbot = {mb__s_follow_chatbot_insert_social_following_one_chatbot_f, 1, MB_SHAPE_SIZE(mb_follow_chatbot_insert_social_following_one_chatbot)};
static const mb_field mb__s_follow_chatbot_insert_social_following_one_f[] = {
    {"followerId", offsetof(mb_follow_chatbot_insert_social_following_one, follower_id), MB_NO_NULL_FLAG, MB_T_STR, 0, 0, NULL},
    {"followeeIdChatbot", offsetof(mb_follow_chatbot_insert_social_following_one, followee_id_chatbot), offsetof(mb_follow_chatbot_insert_social_following_one, followee_id_chatbot_null), MB_T_I32, 0, 0, NULL},
    {"chatbot", offsetof(mb_follow_chatbot_insert_social_following_one, chatbot), offsetof(mb_follow_chatbot_insert_social_following_one, chatbot_null), MB_T_OBJ, 0, 0, &mb__s_follow_chatbot_insert_social_following_one_chatbot},
};
static const mb_shape mb__s_follow_chatbot_insert_social_following_one = {mb__s_follow_chatbot_insert_social_following_one_f, 3, MB_SHAPE_SIZE(mb_follow_chatbot_insert_social_following_one)};
static const mb_field mb__s_follow_chatbot_data_f[] = {
    {"deleteSocialFollowing", offsetof(mb_follow_chatbot_data, delete_social_following), offsetof(mb_follow_chatbot_data, delete_social_following_null), MB_T_OBJ, 0, 0, &mb__s_follow_chatbot_delete_social_following},
    {"insertSocialFollowingOne", offsetof(mb_follow_chatbot_data, insert_social_following_one), offsetof(mb_follow_chatbot_data, insert_social_following_one_null), MB_T_OBJ, 0, 0, &mb__s_follow_chatbot_insert_social_following_one},
};
static const mb_shape mb__s_follow_chatbot_data = {mb__s_follow_chatbot_data_f, 2, MB_SHAPE_SIZE(mb_follow_chatbot_data)};
static const mb_var mb__v_follow_chatbot[] = {
    {"followerId", offsetof(mb_follow_chatbot_vars, follower_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"chatbotId", offsetof(mb_follow_chatbot_vars, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32},
};
static const mb_op mb__op_follow_chatbot = {mb__q_follow_chatbot, "followChatbot", mb__v_follow_chatbot, 2, &mb__s_follow_chatbot_data};
const mb_op *mb_follow_chatbot_op(void) { return &mb__op_follow_chatbot; }
mb_status mb_follow_chatbot(mb_client *c, const mb_follow_chatbot_vars *vars, mb_follow_chatbot_data *out) {
    return mb_typed_execute(c, &mb__op_follow_chatbot, vars, out, NULL, 0);
}
mb_status mb_follow_chatbot_decode(const mb_result *res, mb_follow_chatbot_data *out) {
    return mb_typed_decode(res, &mb__s_follow_chatbot_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_follow_chatbot_queued(mb_outbox *o, const mb_follow_chatbot_vars *vars) { return mb_outbox_push(o, &mb__op_follow_chatbot, vars); }
#endif

/* unfollowChatbot */
static const char mb__q_unfollow_chatbot[] =
    "mutation unfollowChatbot($followerId:uuid!$chatbotId:Int!){deleteSocialFollowing(where:{followerId:{"
    "_eq:$followerId}followeeIdChatbot:{_eq:$chatbotId}}){affectedRows}}";
static const mb_field mb__s_unfollow_chatbot_delete_social_following_f[] = {
    {"affectedRows", offsetof(mb_unfollow_chatbot_delete_social_following, affected_rows), MB_NO_NULL_FLAG, MB_T_I32, 0, 0, NULL},
};
static const mb_shape mb__s_unfollow_chatbot_delete_social_following = {mb__s_unfollow_chatbot_delete_social_following_f, 1, MB_SHAPE_SIZE(mb_unfollow_chatbot_delete_social_following)};
static const mb_field mb__s_unfollow_chatbot_data_f[] = {
    {"deleteSocialFollowing", offsetof(mb_unfollow_chatbot_data, delete_social_following), offsetof(mb_unfollow_chatbot_data, delete_social_following_null), MB_T_OBJ, 0, 0, &mb__s_unfollow_chatbot_delete_social_following},
};
static const mb_shape mb__s_unfollow_chatbot_data = {mb__s_unfollow_chatbot_data_f, 1, MB_SHAPE_SIZE(mb_unfollow_chatbot_data)};
static const mb_var mb__v_unfollow_chatbot[] = {
    {"followerId", offsetof(mb_unfollow_chatbot_vars, follower_id), MB_NO_NULL_FLAG, MB_T_STR},
    {"chatbotId", offsetof(mb_unfollow_chatbot_vars, chatbot_id), MB_NO_NULL_FLAG, MB_T_I32},
};
static const mb_op mb__op_unfollow_chatbot = {mb__q_unfollow_chatbot, "unfollowChatbot", mb__v_unfollow_chatbot, 2, &mb__s_unfollow_chatbot_data};
const mb_op *mb_unfollow_chatbot_op(void) { return &mb__op_unfollow_chatbot; }
mb_status mb_unfollow_chatbot(mb_client *c, const mb_unfollow_chatbot_vars *vars, mb_unfollow_chatbot_data *out) {
    return mb_typed_execute(c, &mb__op_unfollow_chatbot, vars, out, NULL, 0);
}
mb_status mb_unfollow_chatbot_decode(const mb_result *res, mb_unfollow_chatbot_data *out) {
    return mb_typed_decode(res, &mb__s_unfollow_chatbot_data, out, NULL, 0);
}
#if !defined(MB_NO_OUTBOX)
mb_status mb_unfollow_chatbot_queued(mb_outbox *o, const mb_unfollow_chatbot_vars *vars) { return mb_outbox_push(o, &mb__op_unfollow_chatbot, vars); }
#endif
#endif /* MB_NO_MASTERBOTS */
