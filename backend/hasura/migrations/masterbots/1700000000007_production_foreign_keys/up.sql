-- Foreign keys as production has them: names and ON UPDATE / ON DELETE actions of
-- Masterbots' introspected schema (bitcashorg/masterbots, packages/mb-drizzle).
--   * preference kept the constraint names of its former table user_chatbot_preference
--     (Hasura's "Foreign key violation" messages quote them);
--   * no cascade from user to preference or social_following, nor from chatbot to
--     social_following: a user (or chatbot) is deleted after its rows there;
--   * message.augmented_from is RESTRICT: a message another one was augmented from
--     is deleted only together with it (deleting the thread removes both);
--   * thread.user_id and thread.model (fk_model) have no action (NO ACTION).
-- The indexes on social_following take production's names too.

ALTER TABLE public.preference RENAME CONSTRAINT preference_chatbot_id_fkey TO user_chatbot_preference_chatbot_id_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT preference_preferred_tone_fkey TO user_chatbot_preference_preferred_tone_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT preference_preferred_length_fkey TO user_chatbot_preference_preferred_length_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT preference_preferred_type_fkey TO user_chatbot_preference_preferred_type_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT preference_preferred_complexity_fkey TO user_chatbot_preference_preferred_complexity_fkey;
ALTER TABLE public.preference
  DROP CONSTRAINT preference_user_id_fkey,
  ADD CONSTRAINT user_chatbot_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user" (user_id);

ALTER TABLE public.social_following
  DROP CONSTRAINT social_following_follower_id_fkey,
  DROP CONSTRAINT social_following_followee_id_fkey,
  DROP CONSTRAINT social_following_followee_id_chatbot_fkey,
  ADD CONSTRAINT social_following_follower_id_fkey FOREIGN KEY (follower_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  ADD CONSTRAINT social_following_followee_id_fkey FOREIGN KEY (followee_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  ADD CONSTRAINT social_following_followee_id_chatbot_fkey FOREIGN KEY (followee_id_chatbot)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT;
ALTER INDEX public.social_following_follower_id_idx RENAME TO idx_social_following_follower;
ALTER INDEX public.social_following_followee_id_idx RENAME TO idx_social_following_followee;

ALTER TABLE public.message
  DROP CONSTRAINT message_augmented_from_fkey,
  ADD CONSTRAINT message_augmented_from_fkey FOREIGN KEY (augmented_from)
    REFERENCES public.message (message_id) ON UPDATE RESTRICT ON DELETE RESTRICT;

ALTER TABLE public.thread
  DROP CONSTRAINT thread_user_id_fkey,
  DROP CONSTRAINT fk_model,
  ADD CONSTRAINT thread_user_id_fkey FOREIGN KEY (user_id) REFERENCES public."user" (user_id),
  ADD CONSTRAINT fk_model FOREIGN KEY (model) REFERENCES public.models_enum (name);
