-- Extensions the schema's defaults use, and the two PostgreSQL enum types
-- (exposed by Hasura as the custom scalars user_role and model_type).
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TYPE public.user_role AS ENUM ('admin', 'user', 'moderator', 'anonymous');
CREATE TYPE public.model_type AS ENUM ('free', 'paid', 'pro');
