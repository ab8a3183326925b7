-- Production's table comments (Hasura gives them as the GraphQL object type
-- descriptions; schema.graphql has these three).
COMMENT ON TABLE public.chatbot_category IS 'Junction table to manage the many-to-many relationships between chatbots and their categories.';
COMMENT ON TABLE public.preference IS 'This table stores user-specific preferences for quick access when they interact with a chatbot.';
COMMENT ON TABLE public.social_following IS 'This junction table records social following relationships between users. Each record represents a follower-followee relationship.';
