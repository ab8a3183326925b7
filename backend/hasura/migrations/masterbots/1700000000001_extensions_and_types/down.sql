DROP TYPE IF EXISTS public.model_type;
DROP TYPE IF EXISTS public.user_role;
DROP EXTENSION IF EXISTS "uuid-ossp";
DROP EXTENSION IF EXISTS pgcrypto;
