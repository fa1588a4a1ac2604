-- CreateTable
CREATE TABLE "NotificationProfile" (
    "userId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationProfile_pkey" PRIMARY KEY ("userId")
);
