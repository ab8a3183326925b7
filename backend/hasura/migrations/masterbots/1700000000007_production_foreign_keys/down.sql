-- Back to the foreign keys of migrations 0005 and 0006.
ALTER TABLE public.thread
  DROP CONSTRAINT fk_model,
  DROP CONSTRAINT thread_user_id_fkey,
  ADD CONSTRAINT fk_model FOREIGN KEY (model)
    REFERENCES public.models_enum (name) ON UPDATE CASCADE ON DELETE RESTRICT,
  ADD CONSTRAINT thread_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE RESTRICT;

ALTER TABLE public.message
  DROP CONSTRAINT message_augmented_from_fkey,
  ADD CONSTRAINT message_augmented_from_fkey FOREIGN KEY (augmented_from)
    REFERENCES public.message (message_id) ON UPDATE RESTRICT ON DELETE SET NULL;

ALTER INDEX public.idx_social_following_followee RENAME TO social_following_followee_id_idx;
ALTER INDEX public.idx_social_following_follower RENAME TO social_following_follower_id_idx;
ALTER TABLE public.social_following
  DROP CONSTRAINT social_following_followee_id_chatbot_fkey,
  DROP CONSTRAINT social_following_followee_id_fkey,
  DROP CONSTRAINT social_following_follower_id_fkey,
  ADD CONSTRAINT social_following_follower_id_fkey FOREIGN KEY (follower_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  ADD CONSTRAINT social_following_followee_id_fkey FOREIGN KEY (followee_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  ADD CONSTRAINT social_following_followee_id_chatbot_fkey FOREIGN KEY (followee_id_chatbot)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE CASCADE;

ALTER TABLE public.preference
  DROP CONSTRAINT user_chatbot_preference_user_id_fkey,
  ADD CONSTRAINT preference_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE;
ALTER TABLE public.preference RENAME CONSTRAINT user_chatbot_preference_preferred_complexity_fkey TO preference_preferred_complexity_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT user_chatbot_preference_preferred_type_fkey TO preference_preferred_type_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT user_chatbot_preference_preferred_length_fkey TO preference_preferred_length_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT user_chatbot_preference_preferred_tone_fkey TO preference_preferred_tone_fkey;
ALTER TABLE public.preference RENAME CONSTRAINT user_chatbot_preference_chatbot_id_fkey TO preference_chatbot_id_fkey;
