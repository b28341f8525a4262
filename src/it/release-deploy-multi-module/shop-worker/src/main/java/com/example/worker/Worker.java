package com.example.worker;

/** Part of the shop. */
public class Worker {
    public String name() {
        return "shop-worker";
    }
}
