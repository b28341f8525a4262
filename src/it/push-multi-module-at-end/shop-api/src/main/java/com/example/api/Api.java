package com.example.api;

/** Part of the shop. */
public class Api {
    public String name() {
        return "shop-api";
    }
}
